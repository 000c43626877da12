/// Limits on one trace input, enforced while parsing (exceeding one is a `TraceError`).
public struct TraceLimits: Sendable, Hashable {
    /// The longest event text, in UTF-8 bytes (64 KiB).
    public var maxTextBytes: Int
    /// The most events in one trace.
    public var maxEvents: Int
    /// The largest input body, in bytes.
    public var maxBodyBytes: Int

    public init(maxTextBytes: Int = 64 * 1024, maxEvents: Int = 10_000, maxBodyBytes: Int = 32 * 1024 * 1024) {
        self.maxTextBytes = maxTextBytes
        self.maxEvents = maxEvents
        self.maxBodyBytes = maxBodyBytes
    }

    public static let `default` = TraceLimits()
}
