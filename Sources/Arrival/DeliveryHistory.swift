import Foundation

/// Observed durations of past delivered shipments, per carrier, and how they pull the priors.
///
/// Steps are keyed by carrier (canonical code, `DeliveryPriors.canonicalCarrier`) and:
/// - `leg(from:to:)`: the last scan in one prefecture → arrival in the destination's prefecture (consecutive
///   stops on the way, by origin and destination prefecture), with `legBand` (the same by distance band) as the
///   fallback when the pair was never seen;
/// - `cityToDelivered`: arrival in the destination's prefecture → delivered, with `anyCityToDelivered` as the
///   fallback;
/// - `roundToDelivered`: out for delivery → delivered.
///
/// A thin table shrinks toward the prior in log space: with `n` observations of mean log duration `m`, the
/// median becomes `exp((k·ln(prior) + n·m) / (k + n))` with `k = priorWeight` (5), so one shipment barely moves
/// the prior and fifty nearly replace it.
public struct DeliveryHistory: Sendable, Hashable {
    /// What a duration measures.
    public enum Step: Sendable, Hashable {
        case leg(from: String, to: String)
        case legBand(Int)
        case cityToDelivered(String)
        case anyCityToDelivered
        case roundToDelivered
    }

    /// Running sums of `ln(hours)` for one (carrier, step).
    public struct Stats: Sendable, Hashable {
        public var count = 0
        public var sumLog = 0.0
        public var sumLogSquares = 0.0

        public var meanLog: Double { count == 0 ? 0 : sumLog / Double(count) }
        /// The sample variance of `ln(hours)`; 0 below two observations.
        public var varianceLog: Double {
            count < 2 ? 0 : max(0, (sumLogSquares - sumLog * sumLog / Double(count)) / Double(count - 1))
        }
    }

    struct Key: Sendable, Hashable {
        var carrier: String
        var step: Step
    }

    var table: [Key: Stats] = [:]
    /// The weight of the prior, in observations.
    public var priorWeight: Double

    public init(priorWeight: Double = 5) { self.priorWeight = priorWeight }

    /// Every (carrier, step) with at least one observation.
    public var count: Int { table.count }

    /// Adds one observed duration (hours, floored at three minutes).
    public mutating func record(_ step: Step, carrier: String?, hours: Double) {
        guard hours.isFinite, hours >= 0 else { return }
        let l = log(max(0.05, hours))
        let key = Key(carrier: DeliveryPriors.canonicalCarrier(carrier), step: step)
        var s = table[key] ?? Stats()
        s.count += 1
        s.sumLog += l
        s.sumLogSquares += l * l
        table[key] = s
    }

    /// The observations of one (carrier, step), when any.
    public func stats(_ step: Step, carrier: String?) -> Stats? {
        table[Key(carrier: DeliveryPriors.canonicalCarrier(carrier), step: step)]
    }

    /// The prior shrunk toward the first of `steps` that has observations, and their number (0: the prior alone).
    public func blend(_ prior: LogNormal, _ steps: [Step], carrier: String?) -> (LogNormal, Int) {
        for step in steps {
            if let s = stats(step, carrier: carrier), s.count > 0 { return (Self.shrink(prior, s, priorWeight), s.count) }
        }
        return (prior, 0)
    }

    /// The prior pulled toward observed statistics with the prior counting as `k` observations.
    public static func shrink(_ prior: LogNormal, _ s: Stats, _ k: Double) -> LogNormal {
        let n = Double(s.count)
        let mu = (k * log(prior.median) + n * s.meanLog) / (k + n)
        let spreadN = Double(max(0, s.count - 1))
        let variance = (k * prior.sigma * prior.sigma + spreadN * s.varianceLog) / (k + spreadN)
        return LogNormal(median: exp(mu), sigma: variance.squareRoot())
    }

    /// The distance band of a leg (0: < 50 km, 1: < 300, 2: < 800, 3: < 1500, 4: < 2500, 5: farther).
    public static func band(km: Double) -> Int {
        [50.0, 300, 800, 1500, 2500].firstIndex { km < $0 } ?? 5
    }
}
