// Gazetteer: the place store loaded from geodata/gazetteer.sqlite, with lookups by name, alias and code.
import Geo

/// Every gazetteer place in memory, with the name matcher and lookups by name, code and hierarchy.
///
/// Immutable once built, so one instance is shared by every request.
public final class Gazetteer: Sendable {
    /// Every place; a place's position here is its index (`Int32`) in the name index and hierarchy arrays.
    public let places: [Place]
    /// The parent's index for each place, -1 at the top.
    public let parentIndex: [Int32]
    /// For regions, the hub city's index, -1 otherwise.
    public let hubIndex: [Int32]
    /// The matcher over every name and alias.
    public let names: NameIndex
    /// The curated logistics-site words, longest first.
    public let siteWords: [SiteWord]
    /// The `meta.data_version` content hash (empty for gazetteers built in memory).
    public let dataVersion: String
    private let indexByID: [Int: Int32]
    private let indexByCode: [String: [Int32]]
    private let childStart: [Int32]
    private let childList: [Int32]

    /// Builds a gazetteer from rows; `names` are (surface form, place id, kind, weight).
    /// - Throws: `GazetteerError.corrupt` when a name or parent refers to an unknown place id.
    public convenience init(places: [Place], names: [(String, Int, NameKind, Float)], siteWords: [SiteWord],
                            dataVersion: String = "", file: String = "(memory)") throws
    {
        var index = NameIndex(expectedNames: names.count)
        var byID: [Int: Int32] = [:]
        for (i, p) in places.enumerated() { byID[p.id] = Int32(i) }
        for (name, id, kind, weight) in names {
            guard let at = byID[id] else {
                throw GazetteerError.corrupt(file: file, reason: "name '\(name)' refers to unknown place \(id)")
            }
            index.add(name, NameRef(place: at, kind: kind, weight: weight))
        }
        index.finish()
        try self.init(places: places, indexByID: byID, names: index, siteWords: siteWords,
                      dataVersion: dataVersion, file: file)
    }

    init(places: [Place], indexByID: [Int: Int32], names: NameIndex, siteWords: [SiteWord],
         dataVersion: String, file: String) throws
    {
        self.places = places
        self.indexByID = indexByID
        self.names = names
        self.siteWords = siteWords.sorted { $0.word.unicodeScalars.count > $1.word.unicodeScalars.count }
        self.dataVersion = dataVersion
        var parents = [Int32](repeating: -1, count: places.count)
        var hubs = [Int32](repeating: -1, count: places.count)
        var byCode: [String: [Int32]] = [:]
        byCode.reserveCapacity(places.count)
        var childCount = [Int32](repeating: 0, count: places.count + 1)
        for (i, p) in places.enumerated() {
            if let parentID = p.parentID {
                guard let at = indexByID[parentID] else {
                    throw GazetteerError.corrupt(file: file, reason: "place \(p.id) has unknown parent \(parentID)")
                }
                parents[i] = at
                childCount[Int(at)] += 1
            }
            if let hubID = p.hubID, let at = indexByID[hubID] { hubs[i] = at }
            if let code = p.code, !code.isEmpty { byCode[code.uppercased(), default: []].append(Int32(i)) }
        }
        var start = [Int32](repeating: 0, count: places.count + 1)
        for i in 0..<places.count { start[i + 1] = start[i] + childCount[i] }
        var fill = start
        var list = [Int32](repeating: 0, count: Int(start[places.count]))
        for i in 0..<places.count where parents[i] >= 0 {
            let p = Int(parents[i])
            list[Int(fill[p])] = Int32(i)
            fill[p] += 1
        }
        self.parentIndex = parents
        self.hubIndex = hubs
        self.indexByCode = byCode
        self.childStart = start
        self.childList = list
    }

    /// The index of a place id.
    public func index(ofID id: Int) -> Int32? { indexByID[id] }

    /// The place at an index.
    @inline(__always) public subscript(index: Int32) -> Place { places[Int(index)] }

    /// Places whose code is `code` (adcode, ISO alpha-2, IATA, GeoNames id); case-insensitive.
    public func places(code: String) -> [Int32] { indexByCode[code.uppercased()] ?? [] }

    /// The Chinese place with this adcode. Accepts 6-digit adcodes, 9-digit town codes and Kuaidi100's
    /// 12-digit area codes with or without the `CN` prefix (`CN370112005000` → the town 370112005 if known,
    /// else the county 370112), falling back to the parent levels when trailing digits are zero.
    public func place(adcode raw: String) -> Int32? {
        var digits = Substring(raw.uppercased())
        if digits.hasPrefix("CN") { digits = digits.dropFirst(2) }
        guard digits.count >= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.count >= 9 {
            let town = String(digits.prefix(9))
            if !town.hasSuffix("000"),
               let hit = places(code: town).first(where: { isChineseAdministrative(places[Int($0)]) }) { return hit }
        }
        var six = String(digits.prefix(6))
        // 440300 (city) and 440000 (province) are codes too; try the county, then the city, then the province.
        for _ in 0..<3 {
            if let hit = places(code: six).first(where: { isChineseAdministrative(places[Int($0)]) }) { return hit }
            if six.hasSuffix("0000") { break }
            six = six.hasSuffix("00") ? String(six.prefix(2)) + "0000" : String(six.prefix(4)) + "00"
        }
        return nil
    }

    /// Whether a place is a Chinese administrative unit (whose code is an adcode, not a GeoNames id).
    @inline(__always) func isChineseAdministrative(_ p: Place) -> Bool {
        switch p.level {
        case .province, .city, .county, .town: return true
        default: return false
        }
    }

    /// The name postings for an exact surface form (normalised like `MatchText`).
    public func lookup(name: String) -> ArraySlice<NameRef> {
        var scalars = normalizedName(name)
        trimSpaces(&scalars)
        guard let group = names.group(of: scalars) else { return [] }
        return names.refs(group)
    }

    /// The ancestors of a place, nearest first (not including the place itself).
    public func ancestors(of index: Int32) -> [Int32] {
        var result: [Int32] = []
        var at = parentIndex[Int(index)]
        while at >= 0 && result.count < 8 {
            result.append(at)
            at = parentIndex[Int(at)]
        }
        return result
    }

    /// Whether `ancestor` is `index` itself or one of its ancestors.
    @inline(__always) public func isSelfOrAncestor(_ ancestor: Int32, of index: Int32) -> Bool {
        var at = index
        var steps = 0
        while at >= 0 && steps < 8 {
            if at == ancestor { return true }
            at = parentIndex[Int(at)]
            steps += 1
        }
        return false
    }

    /// The direct children of a place.
    public func children(of index: Int32) -> ArraySlice<Int32> {
        childList[Int(childStart[Int(index)])..<Int(childStart[Int(index) + 1])]
    }

    /// The nearest ancestor-or-self at `level` (the prefecture of a town, for example).
    public func enclosing(_ index: Int32, level: PlaceLevel) -> Int32? {
        var at = index
        while at >= 0 {
            if places[Int(at)].level == level { return at }
            at = parentIndex[Int(at)]
        }
        return nil
    }

    /// The coordinate a place stands for: a region's hub city, otherwise its own point.
    public func anchor(of index: Int32) -> Coordinate {
        let hub = hubIndex[Int(index)]
        return places[Int(hub >= 0 ? hub : index)].coordinate
    }

    /// The nearest place of one of `levels` to a coordinate (linear scan; for coordinates given in the input).
    public func nearest(to c: Coordinate, levels: Set<PlaceLevel>) -> Int32? {
        var best: Int32?
        var bestDistance = Double.infinity
        for (i, p) in places.enumerated() where levels.contains(p.level) {
            let dLat = p.coordinate.lat - c.lat
            if abs(dLat) > 3 { continue }
            let d = p.coordinate.distance(to: c)
            if d < bestDistance { bestDistance = d; best = Int32(i) }
        }
        return best
    }
}
