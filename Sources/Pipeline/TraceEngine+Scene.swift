import Arrival
import Foundation
import Geo
import Geocoding
import MapRendering
import Routing

extension TraceEngine {
    /// Predicted stops closer than this (km) to the destination are not drawn: they would sit on its pin.
    static let predictedStopMinKm = 15.0

    /// The map scene of a trace: its route, the card's ETA, and the predicted sorting hub (the destination's
    /// prefecture seat) as a predicted stop the dashed remaining path goes through (issue 14).
    /// - Parameter estimate: the trace's estimate when the caller already has it (else made here, with `history`).
    public func scene(_ trace: GeocodedTrace, route: Route? = nil, history: DeliveryHistory? = nil,
                      estimate: DeliveryEstimate? = nil) -> MapScene {
        let route = route ?? self.route(trace)
        let estimate = estimate ?? self.estimate(trace, route: route, history: history)
        var scene = MapScene(route: route, trace: trace)
        scene.expected = estimate.eta.map { ExpectedDelivery(likely: $0.likely, utcOffsetSeconds: $0.utcOffsetSeconds) }
        guard let predicted = estimate.predictedStops.first, scene.remaining.count >= 2,
              let destinationIndex = scene.stops.lastIndex(where: { $0.kind == .destination }),
              let end = scene.remaining.last
        else { return scene }
        var seat = predicted.coordinate
        seat.lon += ((end.lon - seat.lon) / 360).rounded() * 360  // the path's longitude unwrapping
        guard seat.kilometres(to: end) > Self.predictedStopMinKm else { return scene }
        // The remaining path's last leg (from the stop before the destination) is redrawn through the hub.
        let before = destinationIndex > 0 ? scene.stops[destinationIndex - 1].coordinate : scene.remaining[0]
        let cut = scene.remaining.lastIndex(where: { $0.kilometres(to: before) < 1 }) ?? 0
        let from = scene.remaining[cut]
        scene.remaining = Array(scene.remaining[..<cut]) + GreatCircle.densify(from: from, to: seat)
            + GreatCircle.densify(from: seat, to: end).dropFirst()
        scene.stops.insert(MapScene.Stop(coordinate: seat, name: predicted.name, kind: .predicted), at: destinationIndex)
        return scene
    }
}

extension TraceEngine {
    /// The map scene as of the trace's last event rather than the clock: the same trace always gives the same
    /// scene (export's `--resume`, the gallery and the render benchmark rely on it), and an old trace is not
    /// promised a delivery date counted from today.
    public func sceneAsOfLastEvent(_ trace: GeocodedTrace) -> MapScene {
        let route = self.route(trace)
        let asOf = trace.latestEventTime ?? Date(timeIntervalSince1970: 0)
        return scene(trace, route: route, estimate: estimate(trace, route: route, asOf: asOf))
    }
}
