import Foundation

/// An estimated delivery time: the likely instant and an 80% interval around it.
///
/// `earliest ≤ likely ≤ latest`, all at or after the last event's time. Times format in the destination's offset
/// (`utcOffsetSeconds`, +08:00 in China).
public struct ETA: Sendable, Hashable {
    /// Where the durations came from.
    public enum Basis: String, Sendable, Hashable, Codable {
        /// At least one remaining step used observed past shipments (shrunk toward the priors).
        case history
        /// Only the built-in `DeliveryPriors`.
        case prior
    }

    public var likely: Date
    /// The 10th percentile.
    public var earliest: Date
    /// The 90th percentile.
    public var latest: Date
    public var basis: Basis
    /// How many past shipments stand behind the estimate (0 for `prior`).
    public var sampleSize: Int
    /// Seconds east of UTC the times are shown in: the destination's.
    public var utcOffsetSeconds: Int

    public init(likely: Date, earliest: Date, latest: Date, basis: Basis, sampleSize: Int, utcOffsetSeconds: Int) {
        precondition(earliest <= likely && likely <= latest, "an ETA's interval must hold its likely time")
        self.likely = likely
        self.earliest = earliest
        self.latest = latest
        self.basis = basis
        self.sampleSize = sampleSize
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}
