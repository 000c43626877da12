import Glibc

/// A value behind a plain (non-priority-inheriting) pthread mutex, for state that every request touches.
///
/// `Synchronization.Mutex` on Linux is a priority-inheritance futex: on contention it hands the lock to the
/// waiter, which must first be scheduled, and every other thread queues behind it. With dozens of connection
/// threads on two cores answering cache hits, that convoy cost more than the hits themselves (perf showed a third of
/// the cached path in `futex_lock_pi`). A normal mutex lets a running thread take a just-released lock instead.
/// ```swift
/// let counter = Locked(0)
/// counter.withLock { $0 += 1 }
/// ```
final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is only read or written inside `withLock`, between lock and unlock of `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
