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
            var s = Stop(coordinate: stop.position, name: StopName.chinese(stop.place, named: stop.namedPlaces),
                         englishName: StopName.english(stop.place, named: stop.namedPlaces), kind: kind,
                         cityName: stop.city, cityEnglishName: stop.cityEnglish)
            s.isRefused = route.isReturning && stop.role == .destination
            stops.append(s)
        }
        var travelled: [Coordinate] = []
        var remaining: [Coordinate] = []
        for leg in route.legs {
            MapScene.append(leg.travelledPath, to: &travelled)
            MapScene.append(leg.remainingPath, to: &remaining)
        }
        // The card names the current place by the same rule as the stop labels.
        let at = route.currentStopIndex ?? route.currentLegIndex.map { route.legs[$0].from }
        let currentStop = at.map { route.stops[$0] }
        let last = trace.events.last
        // Under way, the card names the site of the latest scan at the current stop (南京转运中心, not the 鼓楼区
        // that an earlier event at the same stop named); out for delivery and delivered, the stop's own place
        // (the delivery town or district, issue 15 §3).
        var currentPlace = currentStop?.place
        if ![.outForDelivery, .delivered].contains(route.state), let stop = currentStop,
           let latest = trace.events.last(where: { $0.place != nil })?.place,
           stop.namedPlaces.contains(latest), latest.confidence >= LocatedPlace.siteLabelConfidence
        {
            currentPlace = latest
        }
        self.init(stops: stops, travelled: travelled, remaining: remaining, current: route.current,
                  currentName: currentStop.map { StopName.chinese(currentPlace ?? $0.place, named: $0.namedPlaces) },
                  // No Chinese on English cards where a romanised name exists: a town without one says its city.
                  currentEnglishName: currentStop.map { stop in
                      let name = StopName.english(stop.place, named: stop.namedPlaces)
                      return StopName.hasHan(name) ? (stop.cityEnglish ?? name) : name
                  },
                  state: route.state,
                  lastEventTime: last?.time, lastEventUTCOffset: last?.utcOffsetSeconds ?? 8 * 3600,
                  progress: route.progress, remainingKm: route.remainingKm,
                  // The carrier's display name (中通快递), not a vendor code (zhongtong); an unknown code as given.
                  carrier: trace.carrier.map { Carrier.find($0)?.name ?? $0 },
                  number: trace.number)
        noEventPlaced = route.isUnknown
        if let last, last.utcOffsetSeconds == TraceTime.chinaOffset,
           let country = (trace.events.last(where: { $0.place != nil })?.place ?? currentStop?.place)?.country,
           !MapScene.chinaTimeCountries.contains(country)
        {
            lastEventZoneKnown = false
        }
        carrierEnglish = trace.carrier.flatMap { Carrier.find($0)?.englishName }
    }

    /// Countries on UTC+8 all year, where an event without an offset may well be in that zone.
    static let chinaTimeCountries: Set<String> = ["CN", "HK", "MO", "TW", "SG", "MY", "PH", "BN", "MN"]

    /// Appends a polyline, dropping its first point when it repeats the last one.
    static func append(_ path: [Coordinate], to line: inout [Coordinate]) {
        guard !path.isEmpty else { return }
        if let last = line.last, last == path[0] { line.append(contentsOf: path.dropFirst()) }
        else { line.append(contentsOf: path) }
    }
}

extension MapRenderer {
    /// Renders a built route with its trace (the API the service and the CLI use).
    public func render(route: Route, trace: GeocodedTrace, options: RenderOptions,
                       expected: ExpectedDelivery? = nil) throws -> RenderedImage {
        var scene = MapScene(route: route, trace: trace)
        scene.expected = expected
        return try render(scene: scene, options: options)
    }
}
