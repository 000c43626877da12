import Gazetteer

/// The gazetteer's namesakes (issue 10, "Measuring 3"): Chinese place names that are also a foreign city's name,
/// and county or town names shared by more than one province.
public struct NamesakeCensus: Sendable {
    /// Surface forms (full or short name, two characters or more) of a Chinese prefecture, county or town that
    /// also name a foreign city (a Korean or Japanese city's hanja or kanji, mostly), sorted.
    public let foreignNames: [String]
    /// The full names of the Chinese places carrying one of `foreignNames`.
    public let foreignPlaces: Set<String>
    /// County and town full names found in two provinces or more, sorted.
    public let acrossProvinces: [String]
    private let shared: Set<String>

    public init(gazetteer g: Gazetteer) {
        var foreign = Set<String>()
        var foreignPlaces = Set<String>()
        var provincesByName: [String: Set<Int32>] = [:]
        for (i, p) in g.places.enumerated() where p.country == "CN" {
            switch p.level {
            case .city, .county, .town: break
            default: continue
            }
            for form in [p.name, p.shortName].compactMap({ $0 }) where form.count >= 2 {
                let abroad = g.lookup(name: form).contains { ref in
                    let q = g[ref.place]
                    return q.country != "CN" && q.level == .foreignCity
                }
                if abroad {
                    foreign.insert(form)
                    foreignPlaces.insert(p.name)
                }
            }
            if p.level != .city, let province = g.enclosing(Int32(i), level: .province) {
                provincesByName[p.name, default: []].insert(province)
            }
        }
        let shared = Set(provincesByName.filter { $0.value.count > 1 }.keys)
        self.foreignNames = foreign.sorted()
        self.foreignPlaces = foreignPlaces
        self.acrossProvinces = shared.sorted()
        self.shared = shared
    }

    /// Whether a Chinese place's full name is a namesake of either kind.
    public func isNamesake(_ fullName: String) -> Bool {
        shared.contains(fullName) || foreignPlaces.contains(fullName)
    }
}
