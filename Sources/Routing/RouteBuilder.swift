import Foundation
import Geo
import Geocoding

/// Builds the `Route` of a geocoded trace: pure and deterministic (the same trace, reference time and settings
/// always give the same route).
///
/// The rules, in order (issue 4, "The route"):
/// 1. **Stops.** Each event with a usable place (confidence ≥ `minConfidence`, valid coordinate) joins the stop
///    before it when it is the same place (`PlaceMatching.isSame`: same code, within `mergeRadiusKm`, or a
///    coarser place containing a finer one) as the stop's best place or a city-level-or-finer place the stop
///    already named (`PlaceMatching.matches`), else starts a new stop. Events without a usable place make no
///    stop. Later comparisons with a stop (origin, next stop, destination) use the same test.
/// 2. **Jitter.** A → B → A with B within `jitterMaxKm` of A drops B, unless an event in the detour says the
///    parcel is going back (state `returning` or 退回/退件/… in the text). Long returns are never jitter.
/// 3. **Origin.** The trace's explicit origin: it becomes the first stop's place when it is the same place (the
///    finer of the two describes the stop), else a stop of its own before the first visited one. Without one,
///    the first visited stop is the origin.
/// 4. **Where the parcel is.** The latest event with a usable place or next stop decides. If it names a next stop
///    that is not where the parcel is (and the parcel is not delivered), the parcel has left the last visited
///    stop A for that stop B: B is an `upcoming` stop and the parcel is on the leg A → B, at
///    `defaultInTransitFraction` of the way or, given `asOf`, at elapsed time × typical speed (road, or long
///    haul for legs ≥ `longHaulKm` or between countries) ÷ leg length, within `inTransitFractionBounds`.
///    Otherwise the parcel is at the last visited stop.
/// 5. **Ahead.** Current position → the next stop, when known → the destination: the explicit destination, or
///    for a parcel going back the sender (the origin stop's place). A delivered parcel has nothing ahead and its
///    last stop is the destination (the delivery place). A target that is the same place as the next stop or the
///    parcel's stop is that stop. With neither a next stop nor a destination, nothing is ahead.
/// 6. **Going back.** The parcel is going back when the trace state is `returning` or an event says so. Stops
///    after the one where the first such event happened (the one before, when that event is the first at its
///    stop: it arrived already going back; with only the trace state, the stop farthest from the origin) and
///    every stop ahead are `isReturnLeg`. A visited stop matching the explicit destination
///    keeps the `destination` role (the parcel got there and was refused); an unreached destination is dropped,
///    since the parcel no longer heads there.
/// 7. **Geometry.** Legs are `GreatCircle.legPath` (arcs when long or between countries), longitudes unwrapped
///    continuously from the first stop, then the whole route shifted by whole turns so its westmost longitude
///    lies in −180…<180.
/// 8. **Unknown.** With no usable event place, the route `isUnknown`: only the explicit origin and destination
///    (when usable) as stops, no legs, no position, no progress (1 if delivered).
/// 9. **Progress.** Travelled ÷ total great-circle km along the stops, counting the covered fraction of the
///    current leg; 1 once delivered. When the end of the route is unknown (no destination, not going back, not
///    delivered) there is no total, so `progress`, `remainingKm` and `totalKm` are nil rather than a made-up 100 %.
public enum RouteBuilder {
    /// The route of `trace`. `asOf` (the time the route is looked at) only refines where a parcel between two
    /// stops is drawn; without it the result depends on the trace alone.
    public static func build(trace: GeocodedTrace, asOf: Date? = nil, settings: RouteSettings = .default) -> Route {
        let events = trace.events
        let returnSignals = events.map(ReturnSignal.isReturn)
        let visits = withoutJitter(visits(of: events, settings), returnSignals: returnSignals, settings)
        let delivered = trace.state == .delivered || events.last?.state == .delivered
        let returning = trace.state == .returning || returnSignals.contains(true)
        guard !visits.isEmpty else {
            return unknownRoute(trace, delivered: delivered, returning: returning, settings)
        }

        // 1–3: the visited stops, with the origin first.
        var drafts = visits.map(Draft.init(visit:))
        if let origin = PlaceMatching.usable(trace.origin, settings) {
            if drafts[0].matches(origin, settings) {
                drafts[0].merge(origin)
            } else {
                drafts.insert(Draft(place: origin, isVisited: true), at: 0)
            }
        }
        drafts[0].roles.insert(.origin)
        let lastVisited = drafts.count - 1

        // 6: where the way back starts among the visited stops.
        if returning {
            let turn: Int
            if let firstSignal = returnSignals.firstIndex(of: true) {
                let at = drafts.lastIndex { ($0.firstEvent ?? -1) <= firstSignal && $0.firstEvent != nil } ?? 0
                // Arriving somewhere already going back ("退回 到达 X") means the way back began before X.
                turn = at > 0 && drafts[at].firstEvent == firstSignal ? at - 1 : at
            } else {
                let o = drafts[0].place.coordinate
                let distances = drafts.map { o.kilometres(to: $0.place.coordinate) }
                turn = distances.firstIndex(of: distances.max()!)!
            }
            for i in drafts.indices where i > turn { drafts[i].isReturnLeg = true }
            if let destination = PlaceMatching.usable(trace.destination, settings),
               let reached = drafts.indices.dropFirst().first(where: { drafts[$0].matches(destination, settings) })
            {
                drafts[reached].roles.insert(.destination)
            }
        }

        // 4: in transit towards a named next stop?
        let latest = events.lastIndex {
            PlaceMatching.usable($0.place, settings) != nil || PlaceMatching.usable($0.next, settings) != nil
        }
        var inTransit = false
        if !delivered, let latest, let next = PlaceMatching.usable(events[latest].next, settings),
           !drafts[lastVisited].matches(next, settings)
        {
            var upcoming = Draft(place: next, isVisited: false)
            upcoming.roles.insert(.upcoming)
            upcoming.isReturnLeg = returning
            drafts.append(upcoming)
            inTransit = true
        }

        // 5: the target ahead, or the delivery place.
        if delivered {
            drafts[lastVisited].roles.insert(returning ? .returnTarget : .destination)
        } else {
            let target = returning ? drafts[0].place : PlaceMatching.usable(trace.destination, settings)
            if let target {
                let role: RouteStop.Role = returning ? .returnTarget : .destination
                let last = drafts.count - 1
                if drafts[last].matches(target, settings) {
                    drafts[last].merge(target)
                    drafts[last].roles.insert(role)
                } else {
                    var end = Draft(place: target, isVisited: false)
                    end.roles.insert(role)
                    end.isReturnLeg = returning
                    drafts.append(end)
                }
            }
        }
        if !inTransit { drafts[lastVisited].roles.insert(.current) }

        let positions = Geometry.unwrappedPositions(drafts.map(\.place), settings)
        let fraction = inTransit ? transitFraction(events: events, latest: latest!, from: drafts[lastVisited].place,
                                                   to: drafts[lastVisited + 1].place, asOf: asOf, settings) : 0
        var legs: [RouteLeg] = []
        for i in 0..<(drafts.count - 1) {
            let kind: RouteLeg.Kind = i < lastVisited ? .travelled : (inTransit && i == lastVisited ? .current : .remaining)
            legs.append(RouteLeg(
                from: i, to: i + 1, path: positions.paths[i], kind: kind,
                lengthKm: drafts[i].place.coordinate.kilometres(to: drafts[i + 1].place.coordinate),
                travelledFraction: kind == .travelled ? 1 : (kind == .current ? fraction : 0),
                crossesBorder: drafts[i].place.country != drafts[i + 1].place.country,
                isReturnLeg: drafts[i + 1].isReturnLeg))
        }

        var current = positions.stops[lastVisited]
        if inTransit {
            let path = legs[lastVisited].path
            current = Polyline.point(along: path, atKm: Polyline.lengthKm(of: path) * fraction) ?? current
        }
        let stops = drafts.indices.map { drafts[$0].stop(position: positions.stops[$0]) }
        let totalKm = legs.reduce(0) { $0 + $1.lengthKm }
        let travelledKm = legs.reduce(0) { $0 + $1.travelledKm }
        // The end is known once delivered or when the last stop is the destination or the sender.
        let endKnown = delivered || !drafts[drafts.count - 1].roles.isDisjoint(with: [.destination, .returnTarget])
        let progress: Double? = delivered ? 1 : (endKnown ? (totalKm > 0 ? min(1, travelledKm / totalKm) : 0) : nil)
        return Route(
            stops: stops, legs: legs, current: current, currentStopIndex: inTransit ? nil : lastVisited,
            currentLegIndex: inTransit ? lastVisited : nil, progress: progress, travelledKm: travelledKm,
            remainingKm: endKnown ? max(0, totalKm - travelledKm) : nil, totalKm: endKnown ? totalKm : nil,
            isUnknown: false, isDelivered: delivered,
            isReturning: returning, state: trace.state,
            boundingBox: BoundingBox(unwrapped: positions.stops + positions.paths.joined() + [current]))
    }

    /// How far along the leg `from` → `to` a parcel that left at `events[latest].time` is (rule 4).
    static func transitFraction(events: [GeocodedEvent], latest: Int, from: LocatedPlace, to: LocatedPlace,
                                asOf: Date?, _ settings: RouteSettings) -> Double
    {
        guard let asOf else { return settings.defaultInTransitFraction }
        let km = from.coordinate.kilometres(to: to.coordinate)
        let bounds = settings.inTransitFractionBounds
        guard km > 0 else { return bounds.lowerBound }
        let hours = asOf.timeIntervalSince(events[latest].time) / 3600
        let longHaul = km >= settings.longHaulKm || from.country != to.country
        let speed = longHaul ? settings.longHaulSpeedKmh : settings.roadSpeedKmh
        let ratio = hours * speed / km
        guard ratio.isFinite else { return ratio > 0 ? bounds.upperBound : bounds.lowerBound }
        return min(max(ratio, bounds.lowerBound), bounds.upperBound)
    }

    /// Rule 8: no event placed the parcel; keep what the trace itself says about its ends.
    static func unknownRoute(_ trace: GeocodedTrace, delivered: Bool, returning: Bool,
                             _ settings: RouteSettings) -> Route
    {
        var drafts: [Draft] = []
        if let origin = PlaceMatching.usable(trace.origin, settings) {
            var d = Draft(place: origin, isVisited: true)
            d.roles.insert(.origin)
            drafts.append(d)
        }
        if let destination = PlaceMatching.usable(trace.destination, settings),
           drafts.isEmpty || !PlaceMatching.isSame(drafts[0].place, destination, settings)
        {
            var d = Draft(place: destination, isVisited: false)
            d.roles.insert(.destination)
            drafts.append(d)
        }
        let positions = Geometry.unwrappedPositions(drafts.map(\.place), settings, withPaths: false)
        let stops = drafts.indices.map { drafts[$0].stop(position: positions.stops[$0]) }
        return Route(
            stops: stops, legs: [], current: nil, currentStopIndex: nil, currentLegIndex: nil,
            progress: delivered ? 1 : nil, travelledKm: 0, remainingKm: delivered ? 0 : nil,
            totalKm: delivered ? 0 : nil, isUnknown: true,
            isDelivered: delivered, isReturning: returning, state: trace.state,
            boundingBox: BoundingBox(unwrapped: positions.stops))
    }
}
