import Foundation

/// A stream source that other threads push chunks into; the connection thread waits on its condition variable.
///
/// Bounded: past `capacity` queued chunks the oldest is dropped, so a client that reads slowly cannot make a
/// producer grow memory without end (a producer whose chunks each carry the whole state loses nothing by that).
/// `onClose` runs once, on the thread that closes it, so a producer can forget the channel.
public final class HTTPStreamChannel: HTTPStreamSource, @unchecked Sendable {
    // @unchecked Sendable: `queue`, `closed` and `closeHandler` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var closed = false
    private var closeHandler: (@Sendable () -> Void)?
    public let capacity: Int

    public init(capacity: Int = 64) {
        precondition(capacity > 0, "a channel holds at least one chunk")
        self.capacity = capacity
    }

    /// Runs `handler` once when the channel closes (at once if it already has).
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        condition.lock()
        if closed {
            condition.unlock()
            handler()
            return
        }
        closeHandler = handler
        condition.unlock()
    }

    /// Queues `chunk` and wakes the reader; false when the channel is closed.
    @discardableResult
    public func send(_ chunk: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        if queue.count == capacity { queue.removeFirst() }
        queue.append(chunk)
        condition.signal()
        return true
    }

    /// Whether the channel was closed.
    public var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    public func next(timeout: Double) -> HTTPStreamItem {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed {
            if !condition.wait(until: deadline) { break }
        }
        if closed { return .end }
        if queue.isEmpty { return .idle }
        return .chunk(queue.removeFirst())
    }

    public func close() {
        condition.lock()
        guard !closed else {
            condition.unlock()
            return
        }
        closed = true
        queue.removeAll()
        let handler = closeHandler
        closeHandler = nil
        condition.broadcast()
        condition.unlock()
        handler?()
    }
}
