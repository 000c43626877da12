extension Gazetteer {
    /// How a search hit matched the query, best first.
    public enum SearchMatch: Int, Sendable, Comparable {
        case exact = 0, prefix = 1, contains = 2

        public static func < (a: SearchMatch, b: SearchMatch) -> Bool { a.rawValue < b.rawValue }
    }

    /// One `tracemap places` hit.
    public struct SearchHit: Sendable {
        public let index: Int32
        public let match: SearchMatch
        public let weight: Float
    }

    /// How `search` orders levels among equally good matches: administrative levels and big cities before towns,
    /// airports and regions.
    static func searchRank(_ level: PlaceLevel) -> Int {
        switch level {
        case .country: return 0
        case .province: return 1
        case .city: return 2
        case .foreignCity: return 3
        case .county: return 4
        case .region: return 5
        case .airport: return 6
        case .town: return 7
        case .hub: return 8
        }
    }

    /// Places matching a query: exact names and aliases of every kind first, then (for queries of two or more
    /// characters) names that start with it, then names that contain it; Latin is compared case-insensitively.
    /// Within each group: level (country → town), then the name's weight, then population.
    public func search(_ query: String, limit: Int = 20) -> [SearchHit] {
        var normalized = normalizedName(query)
        trimSpaces(&normalized)
        guard !normalized.isEmpty else { return [] }
        var best: [Int32: SearchHit] = [:]
        func offer(_ index: Int32, _ match: SearchMatch, _ weight: Float) {
            if let old = best[index], (old.match, -old.weight) <= (match, -weight) { return }
            best[index] = SearchHit(index: index, match: match, weight: weight)
        }
        if let group = names.group(of: normalized) {
            for ref in names.refs(group) { offer(ref.place, .exact, ref.weight) }
        }
        let q = String(String.UnicodeScalarView(normalized.compactMap(Unicode.Scalar.init)))
        if normalized.count >= 2 || normalized.contains(where: { MatchText.isHan($0) }) {
            for (i, p) in places.enumerated() {
                for form in [p.name, p.shortName, p.nameZh, p.nameEn] {
                    guard let form, !form.isEmpty else { continue }
                    let f = form.lowercased()
                    if f == q { offer(Int32(i), .exact, 0.5) }
                    else if f.hasPrefix(q) { offer(Int32(i), .prefix, 0.5) }
                    else if f.contains(q) { offer(Int32(i), .contains, 0.5) }
                }
            }
        }
        let sorted = best.values.sorted { a, b in
            if a.match != b.match { return a.match < b.match }
            let pa = places[Int(a.index)], pb = places[Int(b.index)]
            let ra = Self.searchRank(pa.level), rb = Self.searchRank(pb.level)
            if ra != rb { return ra < rb }
            if a.weight != b.weight { return a.weight > b.weight }
            if pa.population != pb.population { return pa.population > pb.population }
            return pa.id < pb.id
        }
        return Array(sorted.prefix(max(0, limit)))
    }
}
