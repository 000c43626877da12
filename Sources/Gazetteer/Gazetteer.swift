// Gazetteer: the place store loaded from geodata/gazetteer.sqlite, with lookups by name, alias and code.
import Foundation
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
    /// Each place's level, in a compact array for the hot paths (a `Place` copy retains seven strings).
    public let levels: [PlaceLevel]
    /// Each place's anchor point: a region's hub city, otherwise its own point.
    public let points: [Coordinate]
    /// Each place's population, or its nearest ancestor's when it has none (a tie-breaker between namesakes).
    public let importance: [Int]
    /// Airports, counties, cities and foreign cities by 1° cell, for nearest-place searches.
    private let cells: [Int: [Int32]]
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
        self.levels = places.map(\.level)
        var points = places.map(\.coordinate)
        for i in 0..<places.count where hubs[i] >= 0 { points[i] = places[Int(hubs[i])].coordinate }
        self.points = points
        var importance = places.map(\.population)
        for i in 0..<places.count where importance[i] == 0 {
            var at = parents[i]
            while at >= 0 {
                if places[Int(at)].population > 0 { importance[i] = places[Int(at)].population; break }
                at = parents[Int(at)]
            }
        }
        self.importance = importance
        var cells: [Int: [Int32]] = [:]
        for (i, p) in places.enumerated() where Self.gridLevels.contains(p.level) {
            cells[Self.cell(p.coordinate), default: []].append(Int32(i))
        }
        self.cells = cells
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
    @inlinable public func isSelfOrAncestor(_ ancestor: Int32, of index: Int32) -> Bool {
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
    @inlinable public func anchor(of index: Int32) -> Coordinate { points[Int(index)] }

    @inlinable public func level(_ index: Int32) -> PlaceLevel { levels[Int(index)] }

    static func cell(_ c: Coordinate) -> Int { Int((c.lat + 90).rounded(.down)) * 400 + Int((c.lon + 180).rounded(.down)) }

    static let gridLevels: Set<PlaceLevel> = [.airport, .county, .city, .foreignCity]

    /// The places of `levels` in the cells within `ring` cells of `c`'s cell.
    private func forEachNear(_ c: Coordinate, ring: Int, _ body: (Int32) -> Void) {
        let base = Self.cell(c)
        for dLat in -ring...ring {
            for dLon in -ring...ring where abs(dLat) == ring || abs(dLon) == ring {
                for i in cells[base + dLat * 400 + dLon] ?? [] { body(i) }
            }
        }
    }

    /// The nearest airport within `km` of a point.
    public func nearestAirport(to c: Coordinate, within km: Double) -> Int32? {
        nearestAirports(to: c, within: km).first
    }

    /// The airports within `km` of a point, nearest first.
    public func nearestAirports(to c: Coordinate, within km: Double) -> [Int32] {
        var found: [(Int32, Double)] = []
        for ring in 0...1 {
            forEachNear(c, ring: ring) { i in
                guard levels[Int(i)] == .airport else { return }
                let d = points[Int(i)].kilometres(to: c)
                if d < km { found.append((i, d)) }
            }
        }
        return found.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// The nearest place of one of `levels` (a subset of county, city, foreign city, airport) to a coordinate,
    /// searched in rings of 1° cells, then over everything when nothing is within a few hundred kilometres.
    public func nearest(to c: Coordinate, levels wanted: Set<PlaceLevel>) -> Int32? {
        var best: (Int32, Double)?
        for ring in 0...3 {
            forEachNear(c, ring: ring) { i in
                guard wanted.contains(levels[Int(i)]) else { return }
                let d = points[Int(i)].kilometres(to: c)
                if d < (best?.1 ?? .infinity) { best = (i, d) }
            }
            // Everything in a farther ring is at least `ring` cells (≥ ring × 111 km × cos(lat)) away.
            if let b = best, b.1 < Double(ring) * 111 * max(0.2, cos(c.lat * .pi / 180)) { return b.0 }
        }
        if let b = best { return b.0 }
        for (i, p) in places.enumerated() where wanted.contains(p.level) {
            let d = p.coordinate.kilometres(to: c)
            if d < (best?.1 ?? .infinity) { best = (Int32(i), d) }
        }
        return best?.0
    }
}
