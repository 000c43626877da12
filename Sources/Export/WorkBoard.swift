import Foundation

/// The hand-over between the coordinator and the workers: a FIFO of items and a table of finished results.
///
/// Bounded by the coordinator, which never puts more than the reorder window in flight.
final class WorkBoard: @unchecked Sendable {
    // Safe: every stored property is read and written only while holding `condition`.
    private let condition = NSCondition()
    private var queue: [ExportItem] = []
    private var head = 0
    private var closed = false
    private var results: [Int: ItemResult] = [:]

    /// Queues an item for the workers.
    func push(_ item: ExportItem) {
        condition.lock()
        queue.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, blocking; nil once closed and empty.
    func pop() -> ExportItem? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed { condition.wait() }
        guard head < queue.count else { return nil }
        let item = queue[head]
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return item
    }

    /// No more items: workers finish what they hold and exit.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Posts the result of item `sequence`.
    func post(_ result: ItemResult, sequence: Int) {
        condition.lock()
        results[sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the result of item `sequence`, waiting until `deadline` at most.
    func take(_ sequence: Int, before deadline: Date) -> ItemResult? {
        condition.lock()
        defer { condition.unlock() }
        while results[sequence] == nil {
            if !condition.wait(until: deadline) { break }
        }
        return results.removeValue(forKey: sequence)
    }
}

/// What a worker (or the coordinator, for unreadable records) made of one item.
struct ItemResult: Sendable {
    enum Outcome: Sendable {
        /// Rendered: the images are in the folder under their temporary names, in format order.
        case rendered(Snapshot.Info, temporaries: [OutputFolder.PendingFile])
        case failed(ItemError)
    }

    var position: ItemPosition
    var inputHash: String?
    var outcome: Outcome
}

extension Snapshot {
    /// A snapshot without its images (which are on disk by then).
    struct Info: Sendable {
        var carrier: String?
        var number: String?
        var state: String
        var progress: Double?
        var currentPlace: String?
    }

    var info: Info {
        Info(carrier: carrier, number: number, state: state, progress: progress, currentPlace: currentPlace)
    }
}
