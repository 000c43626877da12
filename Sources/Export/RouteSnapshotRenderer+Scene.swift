import Geo
import Geocoding
import MapRendering
import Routing

extension RouteSnapshotRenderer {
    /// The map scene of a route: stops by role, the travelled and remaining paths, the card's facts.
    ///
    /// A bridge until MapRendering ships its own `MapScene(route:trace:)` (announced in `MapScene`'s doc); the
    /// export switches to that one when it lands so both commands draw the same map.
    static func scene(route: Route, trace: GeocodedTrace) -> MapScene {
        let stops = route.stops.map { stop -> MapScene.Stop in
            let kind: MapScene.StopKind
            switch stop.role {
            case .origin: kind = .origin
            case .destination, .returnTarget: kind = .destination
            case .upcoming: kind = .predicted
            case .transit, .current: kind = stop.isVisited ? .hub : .predicted
            }
            return MapScene.Stop(coordinate: stop.position, name: stop.place.name,
                                 englishName: stop.place.englishName, kind: kind)
        }
        var travelled: [Coordinate] = []
        var remaining: [Coordinate] = []
        for leg in route.legs {
            switch leg.kind {
            case .travelled: append(leg.path, to: &travelled)
            case .current:
                append(leg.travelledPath, to: &travelled)
                append(leg.remainingPath, to: &remaining)
            case .remaining: append(leg.path, to: &remaining)
            }
        }
        let place = route.currentPlace
        let last = trace.events.last
        return MapScene(stops: stops, travelled: travelled, remaining: remaining, current: route.current,
                        currentName: place?.name, currentEnglishName: place?.englishName, state: route.state,
                        lastEventTime: last?.time, lastEventUTCOffset: last?.utcOffsetSeconds ?? 8 * 3600,
                        progress: route.progress, remainingKm: route.remainingKm, carrier: trace.carrier,
                        number: trace.number)
    }

    /// Joins a polyline onto another without repeating the shared end point.
    private static func append(_ path: [Coordinate], to line: inout [Coordinate]) {
        if let last = line.last, let first = path.first, last == first {
            line.append(contentsOf: path.dropFirst())
        } else {
            line.append(contentsOf: path)
        }
    }
}
