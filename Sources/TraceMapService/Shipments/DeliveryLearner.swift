import Arrival
import Foundation
import Geocoding
import Pipeline

/// The service's delivery-time history: read from the shipments database at start, grown by each shipment the
/// first time it is delivered, rebuilt from every stored shipment by `tracemap eta learn` (issue 14).
public final class DeliveryLearner: Sendable {
    let store: ShipmentStore
    let prefectures: Prefectures
    private let current: Locked<(history: DeliveryHistory, generation: Int)>

    /// Loads the stored history.
    /// - Throws: `SQLiteError` when the table cannot be read.
    public init(store: ShipmentStore, engine: TraceEngine) throws {
        self.store = store
        prefectures = engine.estimator.prefectures
        let rows = try store.deliveryHistory()
        // Starts at the stored observation count, so a restart does not reuse a generation of another history.
        current = Locked((DeliveryHistory(rows: rows), rows.reduce(0) { $0 + $1.count }))
    }

    /// The history as it is now.
    public var history: DeliveryHistory { current.withLock { $0.history } }

    /// Changes whenever the history does (a shipment learnt, a rebuild): cheap to read on every request, for the
    /// ETags of what prints an ETA.
    public var generation: Int { current.withLock { $0.generation } }

    /// Learns a shipment that is delivered, once; returns whether it was learnt.
    @discardableResult
    public func learn(_ key: ShipmentKey, trace: GeocodedTrace) throws -> Bool {
        guard trace.state == .delivered else { return false }
        return try current.withLock { state in
            var next = state.history
            guard next.record(delivered: trace, prefectures: prefectures) else { return false }
            guard try store.learn(key, rows: next.rows) else { return false }
            state = (next, state.generation + 1)
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
        current.withLock { $0 = (rebuilt, $0.generation + 1) }
        return learned.count
    }
}
