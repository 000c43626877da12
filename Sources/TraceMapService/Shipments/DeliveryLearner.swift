import Arrival
import Foundation
import Geocoding
import Pipeline

/// The service's delivery-time history: read from the shipments database at start, grown by each shipment the
/// first time it is delivered, rebuilt from every stored shipment by `tracemap eta learn` (issue 14).
public final class DeliveryLearner: Sendable {
    let store: ShipmentStore
    let prefectures: Prefectures
    private let current: Locked<DeliveryHistory>

    /// Loads the stored history.
    /// - Throws: `SQLiteError` when the table cannot be read.
    public init(store: ShipmentStore, engine: TraceEngine) throws {
        self.store = store
        prefectures = engine.estimator.prefectures
        current = Locked(DeliveryHistory(rows: try store.deliveryHistory()))
    }

    /// The history as it is now.
    public var history: DeliveryHistory { current.withLock { $0 } }

    /// Learns a shipment that is delivered, once; returns whether it was learnt.
    @discardableResult
    public func learn(_ key: ShipmentKey, trace: GeocodedTrace) throws -> Bool {
        guard trace.state == .delivered else { return false }
        return try current.withLock { history in
            var next = history
            guard next.record(delivered: trace, prefectures: prefectures) else { return false }
            guard try store.learn(key, rows: next.rows) else { return false }
            history = next
            return true
        }
    }

    /// Rebuilds the history from every delivered shipment in the store (oldest update first); returns how many
    /// shipments it holds.
    @discardableResult
    public func relearn(geocode: (Data) throws -> GeocodedTrace) throws -> Int {
        let total = try store.count()
        var records: [ShipmentRecord] = []
        var offset = 0
        while offset < total {
            let page = try store.list(limit: 500, offset: offset)
            if page.isEmpty { break }
            records += page
            offset += page.count
        }
        var rebuilt = DeliveryHistory()
        var learned: [ShipmentKey] = []
        for record in records.reversed() where record.state == ShipmentState.delivered.rawValue {
            guard let trace = try? geocode(record.trace) else { continue }
            if rebuilt.record(delivered: trace, prefectures: prefectures) { learned.append(record.key) }
        }
        try store.replaceDeliveryHistory(rebuilt.rows, learned: learned)
        current.withLock { $0 = rebuilt }
        return learned.count
    }
}
