import Geo
import Geocoding
import Routing

extension MapScene {
    /// The scene for a built route: its stops, the travelled and remaining parts of its legs, and the card's
    /// facts from the trace (carrier, number, time of the last event).
    public init(route: Route, trace: GeocodedTrace) {
        var stops: [Stop] = []
        for stop in route.stops {
            let kind: StopKind
            switch stop.role {
            case .origin: kind = .origin
            case .destination, .returnTarget: kind = .destination
            case .transit, .current, .upcoming: kind = .hub
            }
            stops.append(Stop(coordinate: stop.position, name: stop.place.name, englishName: stop.place.englishName,
                              kind: kind))
        }
        var travelled: [Coordinate] = []
        var remaining: [Coordinate] = []
        for leg in route.legs {
            MapScene.append(leg.travelledPath, to: &travelled)
            MapScene.append(leg.remainingPath, to: &remaining)
        }
        let place = route.currentPlace
        let last = trace.events.last
        self.init(stops: stops, travelled: travelled, remaining: remaining, current: route.current,
                  currentName: place?.name, currentEnglishName: place?.englishName, state: route.state,
                  lastEventTime: last?.time, lastEventUTCOffset: last?.utcOffsetSeconds ?? 8 * 3600,
                  progress: route.progress, remainingKm: route.remainingKm, carrier: trace.carrier,
                  number: trace.number)
        noEventPlaced = route.isUnknown
    }

    /// Appends a polyline, dropping its first point when it repeats the last one.
    static func append(_ path: [Coordinate], to line: inout [Coordinate]) {
        guard !path.isEmpty else { return }
        if let last = line.last, last == path[0] { line.append(contentsOf: path.dropFirst()) }
        else { line.append(contentsOf: path) }
    }
}

extension MapRenderer {
    /// Renders a built route with its trace (the API the service and the CLI use).
    public func render(route: Route, trace: GeocodedTrace, options: RenderOptions) throws -> RenderedImage {
        try render(scene: MapScene(route: route, trace: trace), options: options)
    }
}
