import Gazetteer
import Geo

/// One stop of a stress trace: a prefecture-level unit and, when named, a county and a town inside it.
struct StressStop: Sendable, Equatable {
    let prefecture: Int32
    let county: Int32?
    let town: Int32?
}

/// The Chinese administrative tree as the stress set sees it: prefecture-level units (cities, and county-level
/// units directly under a province such as 仙桃 or 济源), their counties and towns, and the label radii.
struct StressGeography {
    let g: Gazetteer
    /// Prefecture-level units, in gazetteer order.
    let prefectures: [Int32]
    /// Every Chinese county-level unit that is not itself a prefecture.
    let allCounties: [Int32]
    /// Every Chinese town.
    let towns: [Int32]
    private var prefectureRadius: [Int32: Double] = [:]
    private var countyRadius: [Int32: Double] = [:]

    init(gazetteer g: Gazetteer) {
        self.g = g
        var prefectures: [Int32] = []
        var counties: [Int32] = []
        var towns: [Int32] = []
        for (n, p) in g.places.enumerated() where p.country == "CN" {
            let i = Int32(n)
            switch p.level {
            case .city: prefectures.append(i)
            case .county:
                if let parent = Self.parent(g, i), g.level(parent) == .province { prefectures.append(i) } else { counties.append(i) }
            case .town: towns.append(i)
            default: break
            }
        }
        self.prefectures = prefectures
        self.allCounties = counties
        self.towns = towns
        for p in prefectures {
            let members = g.children(of: p).filter { g[$0].pointQuality != "inherited" }
            let far = members.map { g.anchor(of: $0).kilometres(to: g.anchor(of: p)) }.max() ?? 0
            prefectureRadius[p] = min(300, max(30, far + 10))
        }
        for c in counties + prefectures where g.level(c) == .county {
            let members = g.children(of: c).filter { g[$0].pointQuality != "inherited" }
            let far = members.map { g.anchor(of: $0).kilometres(to: g.anchor(of: c)) }.max() ?? 0
            countyRadius[c] = min(50, max(10, far + 5))
        }
    }

    static func parent(_ g: Gazetteer, _ i: Int32) -> Int32? {
        let p = g.parentIndex[Int(i)]
        return p >= 0 ? p : nil
    }

    /// The counties of a prefecture-level unit.
    func counties(of prefecture: Int32) -> [Int32] {
        g.level(prefecture) == .city ? g.children(of: prefecture).filter { g.level($0) == .county } : []
    }

    /// The prefecture-level unit a county or town lies in.
    func prefecture(of i: Int32) -> Int32? {
        var at: Int32? = i
        while let here = at {
            if g.level(here) == .city { return here }
            if g.level(here) == .county, let up = Self.parent(g, here), g.level(up) == .province { return here }
            at = Self.parent(g, here)
        }
        return nil
    }

    /// The stop of a town: its prefecture and, when it is not the prefecture itself, its county.
    func stop(town t: Int32) -> StressStop? {
        guard let p = prefecture(of: t), let parent = Self.parent(g, t) else { return nil }
        let county: Int32? = g.level(parent) == .county && parent != p ? parent : nil
        return StressStop(prefecture: p, county: county, town: t)
    }

    /// The prefecture-level truth for an event that names `finest` (or only the prefecture): the seat, with the
    /// prefecture's radius widened to contain the finer place.
    func at(_ s: StressStop, naming finest: Int32?) -> GeocodeEvaluation.Truth {
        let seat = g.anchor(of: s.prefecture)
        var r = prefectureRadius[s.prefecture] ?? 40
        if let f = finest { r = max(r, g.anchor(of: f).kilometres(to: seat) + 10) }
        return .init(name: g[s.prefecture].name, coordinate: seat, radiusKm: r)
    }

    /// The county-level truth for an event that names the stop's county or town: the county with its radius
    /// (widened to contain the town); a town straight under a prefecture (东莞's) is its own truth, 12 km.
    func county(_ s: StressStop, naming town: Int32?) -> GeocodeEvaluation.Truth? {
        if let c = s.county {
            let point = g.anchor(of: c)
            var r = countyRadius[c] ?? 15
            if let t = town { r = max(r, g.anchor(of: t).kilometres(to: point) + 5) }
            return .init(name: g[c].name, coordinate: point, radiusKm: r)
        }
        if let t = town { return .init(name: g[t].name, coordinate: g.anchor(of: t), radiusKm: 12) }
        return nil
    }

    /// A county on the way between two stops, in a third prefecture, for a truck position.
    func midway(_ a: StressStop, _ b: StressStop) -> StressStop? {
        let pa = g.anchor(of: a.prefecture), pb = g.anchor(of: b.prefecture)
        guard pa.kilometres(to: pb) > 600 else { return nil }
        let mid = Coordinate(lat: (pa.lat + pb.lat) / 2, lon: (pa.lon + pb.lon) / 2)
        guard let c = g.nearest(to: mid, levels: [.county]), g[c].country == "CN", let p = prefecture(of: c),
              p != a.prefecture, p != b.prefecture, g.anchor(of: c).kilometres(to: mid) < 150
        else { return nil }
        return StressStop(prefecture: p, county: c == p ? nil : c, town: nil)
    }
}
