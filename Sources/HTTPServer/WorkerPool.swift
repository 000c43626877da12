import Foundation

/// A fixed set of threads that run submitted jobs, with a bounded queue.
///
/// `trySubmit` refuses a job instead of queueing without bound, so an overloaded server answers 503.
public final class WorkerPool: @unchecked Sendable {
    // @unchecked Sendable: `queue`, `stopping` and `running` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    private var running = 0
    private var threads: [Thread] = []
    private let exited = DispatchGroup()
    public let workerCount: Int
    public let queueDepth: Int

    public init(workerCount: Int, queueDepth: Int) {
        precondition(workerCount > 0 && queueDepth >= 0, "a pool needs a worker and a non-negative queue depth")
        self.workerCount = workerCount
        self.queueDepth = queueDepth
        for index in 0..<workerCount {
            exited.enter()
            let thread = Thread { [self] in work() }
            thread.name = "http-worker-\(index)"
            threads.append(thread)
            thread.start()
        }
    }

    /// Jobs waiting for a worker.
    public var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count - head
    }

    /// Jobs running now.
    public var runningCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// Queues `job`; false when every worker is busy and `queueDepth` jobs already wait, or the pool stopped.
    public func trySubmit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let idle = workerCount - running
        guard !stopping, queue.count - head < queueDepth + idle else { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Runs the queued jobs to the end, then stops the threads and waits for them.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    private func work() {
        defer { exited.leave() }
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if head == queue.count {
                condition.unlock()
                return
            }
            let job = queue[head]
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            running += 1
            condition.unlock()
            job()
            condition.lock()
            running -= 1
            condition.unlock()
        }
    }
}
