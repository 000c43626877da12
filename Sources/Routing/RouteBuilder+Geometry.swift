import Geo
import Geocoding

extension RouteBuilder {
    /// Stop positions and leg paths on one continuous longitude unwrapping.
    enum Geometry {
        /// The positions of `places` in order and, with `withPaths`, the path of each leg between consecutive ones.
        ///
        /// Each leg starts at the previous stop's position; the next stop's position is where the leg's path ends,
        /// so stops and paths always agree. Finally everything is shifted by whole turns so that the westmost
        /// longitude lies in −180…<180.
        static func unwrappedPositions(_ places: [LocatedPlace], _ settings: RouteSettings,
                                       withPaths: Bool = true) -> (stops: [Coordinate], paths: [[Coordinate]])
        {
            guard let first = places.first else { return ([], []) }
            var stops = [first.coordinate]
            var paths: [[Coordinate]] = []
            for i in places.indices.dropFirst() {
                let a = stops[i - 1], b = places[i].coordinate
                if withPaths {
                    let path = GreatCircle.legPath(from: a, to: b,
                                                   crossesBorderOrSea: places[i - 1].country != places[i].country,
                                                   settings: settings.leg)
                    paths.append(path)
                    stops.append(path[path.count - 1])
                } else {
                    stops.append(Coordinate(lat: b.lat, lon: WebMercator.longitude(b.lon, nearestTo: a.lon)))
                }
            }
            let west = (stops + paths.joined()).map(\.lon).min()!
            let turns = ((-180 - west) / 360).rounded(.up)  // > 0 when the route reaches west of −180°
            guard turns != 0 else { return (stops, paths) }
            let shift = { (c: Coordinate) in Coordinate(lat: c.lat, lon: c.lon + 360 * turns) }
            return (stops.map(shift), paths.map { $0.map(shift) })
        }
    }
}
