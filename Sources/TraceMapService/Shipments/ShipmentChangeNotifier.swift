import HTTPServer

/// Wakes the event streams that watch a shipment when its stored version changes.
///
/// Every write goes through `ShipmentService.save`, which publishes each new version here right after its commit.
/// Each watch owns an `HTTPStreamChannel`: publishing queues the event and signals the channel's condition
/// variable, so the connection thread sending that stream wakes at once (no polling). A watch forgets itself when
/// its channel closes (the client left, the server stopped).
/// ```swift
/// let watch = notifier.watch(key)          // before reading the current version, so none is missed
/// notifier.publish(key, version: 7, event: bytes)
/// ```
public final class ShipmentChangeNotifier: Sendable {
    private let watches = Locked<[ShipmentKey: [ObjectIdentifier: ShipmentWatch]]>([:])

    public init() {}

    /// Starts watching `key`; the watch's channel is the stream's source.
    public func watch(_ key: ShipmentKey) -> ShipmentWatch {
        let watch = ShipmentWatch(key: key)
        let id = ObjectIdentifier(watch)
        watches.withLock { $0[key, default: [:]][id] = watch }
        watch.channel.onClose { [weak self] in
            self?.watches.withLock {
                $0[key]?.removeValue(forKey: id)
                if $0[key]?.isEmpty == true { $0.removeValue(forKey: key) }
            }
        }
        return watch
    }

    /// Whether any stream watches `key` (a write builds its event only then).
    public func isWatched(_ key: ShipmentKey) -> Bool {
        watches.withLock { $0[key] != nil }
    }

    /// Streams watching `key` now.
    public func watchCount(_ key: ShipmentKey) -> Int {
        watches.withLock { $0[key]?.count ?? 0 }
    }

    /// Hands `event` (the bytes of version `version`) to every watch of `key`.
    public func publish(_ key: ShipmentKey, version: Int, event: [UInt8]) {
        for watch in watches.withLock({ Array(($0[key] ?? [:]).values) }) {
            watch.offer(version: version, event: event)
        }
    }
}

/// One stream's watch of one shipment: sends each version once, in increasing order.
public final class ShipmentWatch: Sendable {
    public let key: ShipmentKey
    /// The stream source the connection thread drains.
    public let channel = HTTPStreamChannel(capacity: 16)
    /// The newest version handed to the channel (or known to the client): older or equal ones are dropped, so
    /// the version read at connect and a concurrent write's publication cannot repeat or reorder an event.
    private let newest = Locked<Int>(Int.min)

    init(key: ShipmentKey) { self.key = key }

    /// Queues `event` unless a version at least as new was already sent.
    public func offer(version: Int, event: [UInt8]) {
        let fresh = newest.withLock {
            guard version > $0 else { return false }
            $0 = version
            return true
        }
        if fresh { channel.send(event) }
    }

    /// Records that the client already has `version` (its `Last-Event-ID`).
    public func skip(through version: Int) {
        newest.withLock { $0 = max($0, version) }
    }
}
