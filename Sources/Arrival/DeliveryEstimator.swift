import Foundation
import Geo
import Geocoding
import Routing

/// Estimates when a parcel will be delivered, with an 80% interval, from its route, the priors and history.
///
/// The remaining time is the sum of the steps still ahead, each a log-normal from `DeliveryPriors` (shrunk
/// toward `DeliveryHistory` when it has seen the step):
/// 1. out for delivery → delivered, once the latest event says 派送;
/// 2. else arrived in the destination's prefecture → delivered, once an event placed the parcel there;
/// 3. else the linehaul leg from the last scan to the destination's prefecture seat (the predicted sorting hub),
///    then 2.
/// The sum is drawn as `sampleCount` stratified outcomes, the daily rhythm moves each delivery into the delivery
/// window, outcomes before the as-of time (or the last event) are dropped (the parcel is known not to have been
/// delivered by then), and the 10th, 50th and 90th percentiles are `earliest`, `likely` and `latest`.
public struct DeliveryEstimator: Sendable {
    public var priors: DeliveryPriors
    public let prefectures: Prefectures
    /// Outcomes drawn per estimate (a prime, so the stratified draws of each step pair without pattern).
    public var sampleCount = 401

    public init(prefectures: Prefectures, priors: DeliveryPriors = .standard) {
        self.prefectures = prefectures
        self.priors = priors
    }

    /// The estimate for `trace` (and its `route`) as of `asOf`, using `history` when given.
    public func estimate(trace: GeocodedTrace, route: Route, asOf: Date, history: DeliveryHistory? = nil)
        -> DeliveryEstimate
    {
        let finished: Set<ShipmentState> = [.delivered, .returning]
        guard !route.isDelivered, !route.isReturning, !finished.contains(trace.state),
              let last = trace.events.last,
              let destination = trace.destination ?? route.stops.last(where: { $0.role == .destination })?.place
        else { return .none }
        let offset = destination.country == "CN" ? 8 * 3600 : last.utcOffsetSeconds
        let situation = Situation(trace: trace, route: route, last: last, destination: destination,
                                  prefecture: prefectures.prefecture(of: destination), estimator: self)
        let (start, steps, used) = remainingSteps(situation, history: history ?? DeliveryHistory(), offset: offset)
        let outcomes = draw(from: start, steps, floor: max(last.time, asOf), offset: offset,
                            overdue: situation.crossBorder ? priors.crossBorderOverdue : priors.overdue)
        func at(_ p: Double) -> Date { outcomes[min(outcomes.count - 1, Int(p * Double(outcomes.count)))] }
        let eta = ETA(likely: at(0.5), earliest: at(0.1), latest: at(0.9), basis: used > 0 ? .history : .prior,
                      sampleSize: used, utcOffsetSeconds: offset)
        let predicted = situation.cityArrival != nil ? []
            : situation.prefecture.map { [PredictedStop(name: $0.name, coordinate: $0.seat)] } ?? []
        return DeliveryEstimate(eta: eta, predictedStops: predicted)
    }

    /// Sorted delivery outcomes at or after `floor`: `start` plus one stratified draw of each step, moved into the
    /// delivery window; restarted from `floor` with the `overdue` prior when nearly all fall before it.
    func draw(from start: Date, _ steps: [LogNormal], floor: Date, offset: Int, overdue: LogNormal) -> [Date] {
        let n = sampleCount
        let z = (0..<n).map { LogNormal.normalQuantile((Double($0) + 0.5) / Double(n)) }
        // Step j pairs outcome i with stratum (i·stride_j + j·37) mod n: a fixed permutation per step.
        let strides = [1, 173, 263, 331]
        func score(_ i: Int, _ j: Int) -> Double { z[(i * strides[j % strides.count] + j * 37) % n] }
        var outcomes: [Date] = []
        outcomes.reserveCapacity(n)
        for i in 0..<n {
            var hours = 0.0
            for (j, step) in steps.enumerated() { hours += step.value(z: score(i, j)) }
            // A fixed, evenly spread subset of outcomes is held up once.
            if Double((i * 211) % n) < priors.delayShare * Double(n) { hours += priors.delay.value(z: score(i, 2)) }
            let t = window(start.addingTimeInterval(hours * 3600), offset: offset, z: score(i, 3))
            if t >= floor { outcomes.append(t) }
        }
        if Double(outcomes.count) < priors.overdueShare * Double(n) {
            outcomes = (0..<n).map { i in
                window(floor.addingTimeInterval(overdue.value(z: z[i]) * 3600), offset: offset, z: score(i, 3))
            }.map { max($0, floor) }
        }
        return outcomes.sorted()
    }

    /// A delivery moved into the local delivery window: before opening or after closing it becomes the next
    /// morning's round.
    func window(_ t: Date, offset: Int, z: Double) -> Date {
        let hour = LocalClock.hour(t, offset: offset)
        let round = priors.deliveryOpensHour + priors.morningRound.value(z: z)
        if hour < priors.deliveryOpensHour { return LocalClock.sameDay(t, hour: round, offset: offset) }
        if hour >= priors.deliveryClosesHour {
            return LocalClock.sameDay(t, hour: round, offset: offset).addingTimeInterval(86_400)
        }
        return t
    }
}
