import Foundation

/// A stored shipment: its latest trace and what the store knows about it.
public struct ShipmentRecord: Sendable, Equatable {
    public let key: ShipmentKey
    /// Increases by one each time a newer trace replaces the stored one.
    public let version: Int
    /// The latest trace, as received (one shipment's JSON in any supported format).
    public let trace: Data
    /// SHA-256 of `trace`, lower-case hex: identical pushes are recognised by it.
    public let traceHash: String
    /// The time of the trace's newest event, used so older data never overwrites newer.
    public let latestEventAt: Date?
    /// The normalised state (`ShipmentState` raw value).
    public let state: String
    /// The aggregator's subscription status (`polling`, `shutdown`, `abort`, `updateall`), when pushed.
    public let subscription: String?
    public let updatedAt: Date
}

/// What a caller hands the store: one shipment's trace plus what parsing it told.
public struct IncomingTrace: Sendable {
    public let key: ShipmentKey
    public let trace: Data
    public let latestEventAt: Date?
    public let state: String
    /// Where it came from: `kuaidi100`, `kdniao` or `api`.
    public let source: String
    public let subscription: String?

    public init(key: ShipmentKey, trace: Data, latestEventAt: Date?, state: String, source: String,
                subscription: String? = nil)
    {
        self.key = key
        self.trace = trace
        self.latestEventAt = latestEventAt
        self.state = state
        self.source = source
        self.subscription = subscription
    }
}

/// What an upsert did.
public enum UpsertOutcome: Sendable, Equatable {
    /// A new shipment, at version 1.
    case created(version: Int)
    /// A newer trace replaced the stored one.
    case updated(version: Int)
    /// The same trace again (idempotent): nothing changed but the subscription status.
    case unchanged(version: Int)
    /// The push's newest event is older than what is stored: kept in the history only.
    case stale(version: Int)

    /// The shipment's version after the upsert.
    public var version: Int {
        switch self {
        case .created(let v), .updated(let v), .unchanged(let v), .stale(let v): return v
        }
    }

    /// A short word for logs and the push history.
    public var word: String {
        switch self {
        case .created: return "created"
        case .updated: return "updated"
        case .unchanged: return "unchanged"
        case .stale: return "stale"
        }
    }
}

/// One received push, kept in a bounded history per shipment for debugging.
public struct PushRecord: Sendable, Equatable {
    public let receivedAt: Date
    public let source: String
    public let outcome: String
    public let version: Int
    public let bytes: Int
}
