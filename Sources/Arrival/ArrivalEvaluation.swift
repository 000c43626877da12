import Foundation
import Geocoding
import Routing

/// Measures delivery estimates against real delivered traces, beside a door-to-door baseline.
///
/// For each delivered trace (`state == .delivered`; the delivery time is its first delivered event's) and each
/// event strictly before the delivery time, the estimator runs as of that event's time on the events up to it,
/// with the destination kept (it stands for the consignee's address, which a shop or aggregator holds), and is
/// compared with the real delivery time. The baseline, from the same traces: the median door-to-door time
/// (first scan → delivered) of the `reference` (dev) traces in the trace's origin→destination distance band,
/// added to the first scan, with the band's 10th–90th percentiles as its interval.
public struct ArrivalEvaluation: Sendable {
    /// Aggregate figures over every estimate.
    public struct Report: Sendable {
        public var parcels = 0
        public var estimates = 0
        /// Events the estimator gave no ETA for.
        public var missing = 0
        public var absoluteErrors: [Double] = []
        public var covered = 0
        public var dayHits = 0
        /// Estimates whose `earliest` was before the last event's time (must stay 0).
        public var beforeLastEvent = 0
        public var historyBasis = 0
        /// Signed errors, likely − delivered (hours): negative when the estimate was too early.
        public var signedErrors: [Double] = []
        /// Deliveries after `latest` (the interval was too early).
        public var afterLatest = 0

        public var maeHours: Double { absoluteErrors.isEmpty ? .nan : absoluteErrors.reduce(0, +) / Double(absoluteErrors.count) }
        public var p90ErrorHours: Double { ArrivalEvaluation.percentile(absoluteErrors, 0.9) }
        public var intervalCoverage: Double { estimates == 0 ? .nan : Double(covered) / Double(estimates) }
        public var dayHitRate: Double { estimates == 0 ? .nan : Double(dayHits) / Double(estimates) }
        public var medianSignedErrorHours: Double { ArrivalEvaluation.percentile(signedErrors, 0.5) }
        public var lateShare: Double { estimates == 0 ? .nan : Double(afterLatest) / Double(estimates) }
        public var historyShare: Double { estimates == 0 ? .nan : Double(historyBasis) / Double(estimates) }

        mutating func add(likely: Date, earliest: Date, latest: Date, truth: Date, offset: Int) {
            estimates += 1
            absoluteErrors.append(abs(likely.timeIntervalSince(truth)) / 3600)
            signedErrors.append(likely.timeIntervalSince(truth) / 3600)
            if truth > latest { afterLatest += 1 }
            if earliest <= truth && truth <= latest { covered += 1 }
            if LocalClock.day(likely, offset: offset) == LocalClock.day(truth, offset: offset) { dayHits += 1 }
        }
    }

    /// A delivered trace ready to evaluate.
    public struct Case: Sendable {
        public let trace: GeocodedTrace
        public let delivered: Date
        public let firstScan: Date
        public let bandKm: Double
    }

    public let estimator: DeliveryEstimator
    /// Door-to-door hours of the reference traces, by `DeliveryHistory.band`.
    let doorToDoor: [Int: [Double]]
    let allDoorToDoor: [Double]

    /// An evaluation whose baseline comes from `reference` (the dev traces).
    public init(estimator: DeliveryEstimator, reference: [GeocodedTrace]) {
        self.estimator = estimator
        var bands: [Int: [Double]] = [:]
        var all: [Double] = []
        for c in reference.compactMap(Self.deliveredCase) {
            let h = c.delivered.timeIntervalSince(c.firstScan) / 3600
            bands[DeliveryHistory.band(km: c.bandKm), default: []].append(h)
            all.append(h)
        }
        doorToDoor = bands
        allDoorToDoor = all
    }

    /// The trace as a case when it ended delivered with at least one event before the delivery.
    public static func deliveredCase(_ trace: GeocodedTrace) -> Case? {
        guard trace.state == .delivered, let done = trace.events.first(where: { $0.state == .delivered }),
              let first = trace.events.first, first.time < done.time,
              let destination = trace.destination
        else { return nil }
        let origin = trace.origin ?? trace.events.first(where: { $0.place != nil })?.place
        let km = origin.map { $0.coordinate.kilometres(to: destination.coordinate) } ?? 0
        return Case(trace: trace, delivered: done.time, firstScan: first.time, bandKm: km)
    }

    /// The estimator's figures and the baseline's on `traces`, with `history` when given.
    public func evaluate(_ traces: [GeocodedTrace], history: DeliveryHistory? = nil) -> (model: Report, baseline: Report) {
        let (model, baseline, _) = evaluateAll(traces, history: history)
        return (model, baseline)
    }

    /// As `evaluate`, plus the baseline held at or after the as-of time (`floored`): a fairer baseline than the
    /// issue's, which may name a time already past.
    public func evaluateAll(_ traces: [GeocodedTrace], history: DeliveryHistory? = nil)
        -> (model: Report, baseline: Report, floored: Report)
    {
        var model = Report(), baseline = Report(), floored = Report()
        for c in traces.compactMap(Self.deliveredCase) {
            model.parcels += 1; baseline.parcels += 1; floored.parcels += 1
            let offset = c.trace.destination?.country == "CN" ? 8 * 3600 : (c.trace.events.last?.utcOffsetSeconds ?? 8 * 3600)
            let band = doorToDoor[DeliveryHistory.band(km: c.bandKm)] ?? allDoorToDoor
            let (b10, b50, b90) = (Self.percentile(band, 0.1), Self.percentile(band, 0.5), Self.percentile(band, 0.9))
            for event in c.trace.events where event.time < c.delivered {
                let trace = c.trace.asOf(event.time, keepingDestination: true)
                let route = RouteBuilder.build(trace: trace, asOf: event.time)
                let estimate = estimator.estimate(trace: trace, route: route, asOf: event.time, history: history)
                if b50.isFinite {
                    baseline.add(likely: c.firstScan.addingTimeInterval(b50 * 3600),
                                 earliest: c.firstScan.addingTimeInterval(b10 * 3600),
                                 latest: c.firstScan.addingTimeInterval(b90 * 3600), truth: c.delivered, offset: offset)
                    func atLeastNow(_ h: Double) -> Date { max(event.time, c.firstScan.addingTimeInterval(h * 3600)) }
                    floored.add(likely: atLeastNow(b50), earliest: atLeastNow(b10), latest: atLeastNow(b90),
                                truth: c.delivered, offset: offset)
                }
                guard let eta = estimate.eta else { model.missing += 1; continue }
                if eta.earliest < (trace.events.last?.time ?? eta.earliest) { model.beforeLastEvent += 1 }
                if eta.basis == .history { model.historyBasis += 1 }
                model.add(likely: eta.likely, earliest: eta.earliest, latest: eta.latest, truth: c.delivered,
                          offset: eta.utcOffsetSeconds)
            }
        }
        return (model, baseline, floored)
    }

    /// A fresh history holding the delivered `traces`, replayed in order of their delivery time.
    public func replay(_ traces: [GeocodedTrace]) -> (DeliveryHistory, Int) {
        var history = DeliveryHistory()
        var recorded = 0
        for c in traces.compactMap(Self.deliveredCase).sorted(by: { $0.delivered < $1.delivered }) {
            if history.record(delivered: c.trace, prefectures: estimator.prefectures,
                              cityRadiusKm: estimator.priors.cityRadiusKm) { recorded += 1 }
        }
        return (history, recorded)
    }

    /// The `p` quantile (nearest rank) of `values`; NaN when empty.
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))]
    }
}
