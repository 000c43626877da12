import Arrival
import Foundation
import SQLite

/// The delivery-time history in the shipments database (issue 14): `DeliveryHistory` rows per carrier, and which
/// delivered shipments it already holds.
extension ShipmentStore {
    /// Every stored history row.
    public func deliveryHistory() throws -> [DeliveryHistory.Row] {
        try locked {
            try connection.query("SELECT carrier, kind, origin, destination, count, sum_log, sum_log_squares "
                + "FROM delivery_history ORDER BY carrier, kind, origin, destination") { row in
                DeliveryHistory.Row(carrier: row.string(0), kind: row.string(1), from: row.string(2), to: row.string(3),
                                    count: row.int(4), sumLog: row.double(5), sumLogSquares: row.double(6))
            }
        }
    }

    /// Replaces the history with `rows` and marks `learned` (and only those) as held by it, in one transaction.
    public func replaceDeliveryHistory(_ rows: [DeliveryHistory.Row], learned: [ShipmentKey]) throws {
        try locked {
            try connection.transaction {
                try connection.run("DELETE FROM delivery_history")
                try insert(rows)
                try connection.run("UPDATE shipments SET learned = 0")
                for key in learned {
                    try connection.run("UPDATE shipments SET learned = 1 WHERE carrier = ? AND number = ?",
                                       [.text(key.carrier.id), .text(key.number)])
                }
            }
        }
    }

    /// Stores `rows` (the whole history with one more delivered shipment in it) and marks that shipment held,
    /// unless it already is; returns whether it was stored. The table is small: rewriting it keeps the sums exact.
    public func learn(_ key: ShipmentKey, rows: [DeliveryHistory.Row]) throws -> Bool {
        try locked {
            try connection.transaction {
                let held = try connection.query("SELECT learned FROM shipments WHERE carrier = ? AND number = ?",
                                                [.text(key.carrier.id), .text(key.number)]) { $0.int(0) }.first
                guard held == 0 else { return false }
                try connection.run("DELETE FROM delivery_history")
                try insert(rows)
                try connection.run("UPDATE shipments SET learned = 1 WHERE carrier = ? AND number = ?",
                                   [.text(key.carrier.id), .text(key.number)])
                return true
            }
        }
    }

    private func insert(_ rows: [DeliveryHistory.Row]) throws {
        for r in rows {
            try connection.run("INSERT INTO delivery_history VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [.text(r.carrier), .text(r.kind), .text(r.from), .text(r.to), .integer(Int64(r.count)),
                                .real(r.sumLog), .real(r.sumLogSquares)])
        }
    }
}
