import Synchronization

/// Live counters of a running server, for a metrics endpoint (the service formats them for Prometheus).
public final class ServerStats: Sendable {
    private let open = Atomic<Int>(0)
    private let accepted = Atomic<Int>(0)
    private let active = Atomic<Int>(0)
    private let requests = Atomic<Int>(0)
    private let overloaded = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)
    private let decodeErrors = Atomic<Int>(0)
    private let timeouts = Atomic<Int>(0)
    private let fast = Atomic<Int>(0)
    private let streams = Atomic<Int>(0)
    private let streamsRefused = Atomic<Int>(0)

    public init() {}

    /// Streamed responses (event streams) being sent now.
    public var openStreams: Int { streams.load(ordering: .relaxed) }
    /// Streams refused with 503 because `maxStreams` were open.
    public var refusedStreams: Int { streamsRefused.load(ordering: .relaxed) }
    /// Connections open now.
    public var openConnections: Int { open.load(ordering: .relaxed) }
    /// Connections accepted since start (including refused ones).
    public var acceptedConnections: Int { accepted.load(ordering: .relaxed) }
    /// Requests being handled now (queued or running on a worker).
    public var activeRequests: Int { active.load(ordering: .relaxed) }
    /// Complete requests answered since start, any status.
    public var totalRequests: Int { requests.load(ordering: .relaxed) }
    /// Requests answered 503 because the worker queue was full.
    public var overloadedRequests: Int { overloaded.load(ordering: .relaxed) }
    /// Connections refused because `maxConnections` were open.
    public var refusedConnections: Int { refused.load(ordering: .relaxed) }
    /// Connections closed because their bytes were not a valid request (400-class answers).
    public var malformedRequests: Int { decodeErrors.load(ordering: .relaxed) }
    /// Connections closed by the read or idle timeout.
    public var timedOutConnections: Int { timeouts.load(ordering: .relaxed) }
    /// Requests the fast handler answered on the connection thread, without the worker pool.
    public var fastPathRequests: Int { fast.load(ordering: .relaxed) }

    func connectionOpened() {
        open.add(1, ordering: .relaxed)
        accepted.add(1, ordering: .relaxed)
    }
    func connectionClosed() { open.subtract(1, ordering: .relaxed) }
    func connectionRefused() {
        accepted.add(1, ordering: .relaxed)
        refused.add(1, ordering: .relaxed)
    }
    func requestStarted() { active.add(1, ordering: .relaxed) }
    func requestFinished() {
        active.subtract(1, ordering: .relaxed)
        requests.add(1, ordering: .relaxed)
    }
    func requestOverloaded() { overloaded.add(1, ordering: .relaxed) }
    func malformed() { decodeErrors.add(1, ordering: .relaxed) }
    func timedOut() { timeouts.add(1, ordering: .relaxed) }
    func answeredFast() { fast.add(1, ordering: .relaxed) }
    func streamOpened() { streams.add(1, ordering: .relaxed) }
    func streamClosed() { streams.subtract(1, ordering: .relaxed) }
    func streamRefused() { streamsRefused.add(1, ordering: .relaxed) }
}
