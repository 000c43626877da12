/// An in-memory LRU of rendered representations keyed by ETag, bounded by total bytes.
///
/// Thread-safe: renders finish on worker threads while other requests read. An entry larger than the whole budget
/// is not stored (it would evict everything else for one request).
public final class ResponseCache: Sendable {
    /// One cached representation: the bytes and the media type they were rendered as.
    public struct Entry: Sendable, Equatable {
        public var contentType: String
        public var body: [UInt8]
        public init(contentType: String, body: [UInt8]) {
            self.contentType = contentType
            self.body = body
        }
    }

    /// The cache's counters, for /metrics.
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var evictions = 0
        public var entries = 0
        public var bytes = 0
    }

    /// Fixed bookkeeping per entry (key, list links, dictionary slot), counted against the budget.
    static let overheadBytes = 128

    public let capacityBytes: Int
    /// A plain mutex, not `Mutex`: every cache hit takes it (see `Locked`).
    private let state: Locked<LRUList>

    public init(capacityBytes: Int) {
        precondition(capacityBytes >= 0, "cache capacity must not be negative")
        self.capacityBytes = capacityBytes
        state = Locked(LRUList())
    }

    /// The entry for `etag`, marked most recently used; counts a hit or a miss.
    public func get(_ etag: String) -> Entry? {
        state.withLock { $0.get(etag) }
    }

    /// The entry for `etag` if present, marked most recently used and counted as a hit; an absent entry is not
    /// counted (for a lookahead whose miss is then looked up, and counted, by `get`).
    public func hit(_ etag: String) -> Entry? {
        state.withLock { $0.get(etag, countingMiss: false) }
    }

    /// Stores `entry` under `etag` (replacing an older one), evicting least recently used entries to fit.
    public func put(_ etag: String, _ entry: Entry) {
        let cost = Self.cost(etag, entry)
        let capacity = capacityBytes
        state.withLock { $0.put(etag, entry, cost: cost, capacity: capacity) }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    static func cost(_ key: String, _ entry: Entry) -> Int {
        entry.body.count + key.utf8.count + entry.contentType.utf8.count + overheadBytes
    }
}

/// A doubly linked list over array slots plus a key index: O(1) get, put and eviction.
struct LRUList: Sendable {
    private struct Node: Sendable {
        var key: String
        var entry: ResponseCache.Entry
        var cost: Int
        var previous: Int?
        var next: Int?
    }

    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var index: [String: Int] = [:]
    /// Most recently used.
    private var head: Int?
    /// Least recently used: evicted first.
    private var tail: Int?
    private(set) var statistics = ResponseCache.Statistics()

    mutating func get(_ key: String, countingMiss: Bool = true) -> ResponseCache.Entry? {
        guard let slot = index[key] else {
            if countingMiss { statistics.misses += 1 }
            return nil
        }
        statistics.hits += 1
        moveToFront(slot)
        return nodes[slot]!.entry
    }

    mutating func put(_ key: String, _ entry: ResponseCache.Entry, cost: Int, capacity: Int) {
        if let slot = index[key] { remove(slot) }
        guard cost <= capacity else { return }
        while statistics.bytes + cost > capacity, let last = tail {
            remove(last)
            statistics.evictions += 1
        }
        let node = Node(key: key, entry: entry, cost: cost, previous: nil, next: head)
        let slot: Int
        if let reused = free.popLast() {
            nodes[reused] = node
            slot = reused
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        if let head { nodes[head]!.previous = slot }
        head = slot
        if tail == nil { tail = slot }
        index[key] = slot
        statistics.entries += 1
        statistics.bytes += cost
    }

    private mutating func unlink(_ slot: Int) {
        let node = nodes[slot]!
        if let previous = node.previous { nodes[previous]!.next = node.next } else { head = node.next }
        if let next = node.next { nodes[next]!.previous = node.previous } else { tail = node.previous }
        nodes[slot]!.previous = nil
        nodes[slot]!.next = nil
    }

    private mutating func moveToFront(_ slot: Int) {
        guard head != slot else { return }
        unlink(slot)
        nodes[slot]!.next = head
        if let head { nodes[head]!.previous = slot }
        head = slot
        if tail == nil { tail = slot }
    }

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        let node = nodes[slot]!
        index[node.key] = nil
        statistics.entries -= 1
        statistics.bytes -= node.cost
        nodes[slot] = nil
        free.append(slot)
    }
}
