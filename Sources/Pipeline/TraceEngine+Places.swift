import Gazetteer
import Geo
import MapRendering

extension TraceEngine {
    /// The context cities of the gazetteer, ranked for the renderer and in the order it tries them: rank, then
    /// population, then name (issue 15 §1: the places come from the gazetteer's levels and populations).
    ///
    /// - world: Beijing, Shanghai and Chinese cities of 15 million or more; national capitals of a million or more
    ///   and the world's cities of 8 million or more;
    /// - major: provincial capitals and other Chinese cities of 8 million or more; the other national capitals
    ///   and cities of 1.5 million or more;
    /// - prefecture: every other prefecture-level city; foreign cities of 300,000 or more;
    /// - county: county seats and districts with their own point (not one inherited from their city); foreign
    ///   cities of 80,000 or more.
    ///
    /// A foreign city without a Chinese name is left off Chinese maps rather than labelled in Latin letters.
    static func mapPlaces(_ gazetteer: Gazetteer) -> [MapPlace] {
        var provinceSeats: [Coordinate] = []
        var capitals: [String: Coordinate] = [:]
        for place in gazetteer.places {
            if place.level == .province { provinceSeats.append(place.coordinate) }
            if place.level == .country { capitals[place.country] = place.coordinate }
        }
        // A country's point is its capital's: the capital is the city nearest it (Manila, not the larger Quezon
        // City beside it), among cities of some size.
        var capitalCity: [String: (index: Int, km: Double)] = [:]
        for (i, place) in gazetteer.places.enumerated() where place.level == .foreignCity && place.population >= 50_000 {
            guard let c = capitals[place.country] else { continue }
            let km = c.kilometres(to: place.coordinate)
            if km < 25, km < (capitalCity[place.country]?.km ?? .infinity) { capitalCity[place.country] = (i, km) }
        }
        let capitalIndices = Set(capitalCity.values.map(\.index))
        var result: [MapPlace] = []
        for (i, place) in gazetteer.places.enumerated() {
            let rank: MapPlace.Rank
            let zh: String?
            var capital = false
            switch place.level {
            case .city:
                let seat = provinceSeats.contains { $0.kilometres(to: place.coordinate) < 8 }
                capital = seat
                rank = place.population >= 15_000_000 || place.name == "北京市" ? .world
                    : seat || place.population >= 8_000_000 ? .major : .prefecture
                zh = place.shortName.flatMap { $0.isEmpty ? nil : $0 } ?? place.name
            case .province where place.country == "HK" || place.country == "MO":
                // The special administrative regions have no prefecture level: 香港 and 澳门 are cities on the map.
                rank = .major
                capital = true
                zh = place.shortName.flatMap { $0.isEmpty ? nil : $0 } ?? place.name
            case .county:
                guard place.pointQuality != "inherited" else { continue }
                rank = .county
                zh = place.name
            case .foreignCity:
                capital = capitalIndices.contains(i)
                if (capital && place.population >= 1_000_000) || place.population >= 8_000_000 { rank = .world }
                else if capital || place.population >= 1_500_000 { rank = .major }
                else if place.population >= 300_000 { rank = .prefecture }
                else if place.population >= 80_000 { rank = .county }
                else { continue }
                zh = place.nameZh.flatMap { $0.isEmpty || $0 == place.name ? nil : $0 }
            default:
                continue
            }
            result.append(MapPlace(name: zh, englishName: place.nameEn ?? (place.level == .foreignCity ? place.name : nil),
                                   coordinate: place.coordinate, rank: rank, population: place.population,
                                   isCapital: capital))
        }
        result.sort {
            if $0.rank != $1.rank { return $0.rank < $1.rank }
            if $0.isCapital != $1.isCapital { return $0.isCapital }
            if $0.population != $1.population { return $0.population > $1.population }
            return ($0.englishName ?? $0.name ?? "") < ($1.englishName ?? $1.name ?? "")
        }
        return result
    }
}
