import Gazetteer
import Geocoding
import Routing

extension TraceEngine {
    /// `route` with each stop's `city` set (the city a district, town or site lies in: its prefecture, or its
    /// county-level city), so a map at country or world view labels 广州, not 嘉禾街道 (issue 15 §3).
    func withCities(_ route: Route) -> Route {
        var route = route
        for i in route.stops.indices {
            let place = route.stops[i].place
            guard place.level.fineness > PlaceLevel.city.fineness, let index = gazetteerIndex(of: place),
                  let prefecture = gazetteer.enclosing(index, level: .city)
                    // 香港 and 澳门 have districts but no prefecture: the region is the city.
                    ?? (["HK", "MO"].contains(place.country) ? gazetteer.enclosing(index, level: .province) : nil)
            else { continue }
            // A site filed under its city (广州白云转运中心 → 广州市) is labelled by that city too; a county-level
            // city (义乌市, 昆山市) is a city in its own right and keeps its name, a district or county does not.
            var labelled = prefecture
            if let county = gazetteer.enclosing(index, level: .county), gazetteer[county].name.hasSuffix("市") {
                labelled = county
            }
            let p = gazetteer[labelled]
            // A county-level city without a short form of its own (喀什市, whose 喀什 is its prefecture's) is named
            // without 市, like every other city label (喀什 beside 乌鲁木齐).
            var bare = p.name
            if p.level == .county, bare.hasSuffix("市"), bare.count >= 3 { bare.removeLast() }
            route.stops[i].city = p.shortName.flatMap { $0.isEmpty ? nil : $0 } ?? bare
            route.stops[i].cityEnglish = p.nameEn
        }
        return route
    }

    /// The gazetteer place a located place was resolved to: the one of its name (a site's, its `area`) at its
    /// point.
    func gazetteerIndex(of place: LocatedPlace) -> Int32? {
        let name = place.level == .hub ? (place.area ?? place.name) : place.name
        return gazetteer.lookup(name: name).lazy.map(\.place).first {
            gazetteer.anchor(of: $0).kilometres(to: place.coordinate) < 0.5
        }
    }
}
