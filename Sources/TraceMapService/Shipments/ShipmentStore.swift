import Digest
import Foundation
import Geocoding
import SQLite

/// The shipments database: one SQLite file in WAL mode holding each shipment's latest trace and push history.
///
/// Rules: the same push twice gives one version; a push whose newest event is older than what is stored never
/// replaces it; `upsert` returns only after the commit, so a success reply sent after it is durable
/// (`synchronous=FULL`: durable against power loss, not only against a crashed process).
public final class ShipmentStore: @unchecked Sendable {
    // @unchecked Sendable: the one connection is only touched while `lock` is held.
    let connection: Connection
    private let lock = NSLock()
    /// How many pushes each shipment's history keeps.
    public let historyLimit: Int
    public let path: String

    /// The store's file inside the service's data directory.
    public static func defaultPath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("shipments.sqlite")
    }

    /// Opens (creating when missing) the store and applies pending migrations.
    public init(path: String, historyLimit: Int = 20) throws {
        precondition(historyLimit > 0, "historyLimit must be positive")
        self.path = path
        self.historyLimit = historyLimit
        connection = try Connection(path: path, mode: .readWrite)
        try connection.execute("PRAGMA synchronous=FULL")
        try ShipmentStore.migrate(connection)
    }

    /// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
    static let migrations: [String] = [
        """
        CREATE TABLE shipments(
          carrier TEXT NOT NULL,
          number TEXT NOT NULL,
          version INTEGER NOT NULL,
          trace BLOB NOT NULL,
          trace_hash TEXT NOT NULL,
          latest_event_at REAL,
          state TEXT NOT NULL,
          subscription TEXT,
          created_at REAL NOT NULL,
          updated_at REAL NOT NULL,
          PRIMARY KEY (carrier, number)
        ) WITHOUT ROWID;
        CREATE TABLE pushes(
          id INTEGER PRIMARY KEY,
          carrier TEXT NOT NULL,
          number TEXT NOT NULL,
          received_at REAL NOT NULL,
          source TEXT NOT NULL,
          outcome TEXT NOT NULL,
          version INTEGER NOT NULL,
          bytes INTEGER NOT NULL,
          body BLOB NOT NULL
        );
        CREATE INDEX pushes_by_shipment ON pushes(carrier, number, id);
        CREATE INDEX shipments_by_update ON shipments(updated_at);
        """,
        // Issue 14: the delivery-time history the ETA learns from (`DeliveryHistory.Row`), and which delivered
        // shipments it already holds, so each is learnt once.
        """
        CREATE TABLE delivery_history(
          carrier TEXT NOT NULL,
          kind TEXT NOT NULL,
          origin TEXT NOT NULL,
          destination TEXT NOT NULL,
          count INTEGER NOT NULL,
          sum_log REAL NOT NULL,
          sum_log_squares REAL NOT NULL,
          PRIMARY KEY (carrier, kind, origin, destination)
        ) WITHOUT ROWID;
        ALTER TABLE shipments ADD COLUMN learned INTEGER NOT NULL DEFAULT 0;
        """,
    ]

    /// The schema version this build writes.
    public static var schemaVersion: Int { migrations.count }

    static func migrate(_ db: Connection) throws {
        let current = try db.query("PRAGMA user_version") { $0.int(0) }.first ?? 0
        guard current <= migrations.count else {
            throw SQLiteError(code: 1, message: "the shipments database has schema version \(current); this build "
                + "knows up to \(migrations.count): upgrade TraceMap")
        }
        for index in current..<migrations.count {
            try db.transaction {
                try db.execute(migrations[index])
                try db.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    /// Whether a push could be committed now (for readiness): see `Connection.isWritable`.
    public func isWritable() -> Bool {
        locked { connection.isWritable() }
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Stores one shipment's trace by the rules above, in its own transaction.
    public func upsert(_ incoming: IncomingTrace, now: Date = Date()) throws -> UpsertOutcome {
        try upsert([incoming], now: now)[0]
    }

    /// Stores several shipments' traces in ONE transaction (a Kdniao push with `Data[]`): all or nothing.
    public func upsert(_ batch: [IncomingTrace], now: Date = Date()) throws -> [UpsertOutcome] {
        try locked {
            try connection.transaction {
                try batch.map { try upsertLocked($0, now: now) }
            }
        }
    }

    private func upsertLocked(_ incoming: IncomingTrace, now: Date) throws -> UpsertOutcome {
        let key = incoming.key
        let hash = Hex.encode(SHA256.hash(incoming.trace))
        let existing = try connection.query(
            "SELECT version, trace_hash, latest_event_at FROM shipments WHERE carrier = ? AND number = ?",
            [.text(key.carrier.id), .text(key.number)]
        ) { ($0.int(0), $0.string(1), $0.optionalDouble(2)) }.first
        let newest = incoming.latestEventAt?.timeIntervalSince1970
        let outcome: UpsertOutcome
        if let (version, storedHash, storedNewest) = existing {
            if storedHash == hash {
                outcome = .unchanged(version: version)
            } else if let storedNewest, newest == nil || newest! < storedNewest {
                outcome = .stale(version: version)
            } else {
                outcome = .updated(version: version + 1)
                try connection.run(
                    """
                    UPDATE shipments SET version = ?, trace = ?, trace_hash = ?, latest_event_at = ?, state = ?,
                      updated_at = ? WHERE carrier = ? AND number = ?
                    """,
                    [.integer(Int64(version + 1)), .blob(Array(incoming.trace)), .text(hash), .double(newest),
                     .text(incoming.state), .real(now.timeIntervalSince1970), .text(key.carrier.id),
                     .text(key.number)])
            }
            if let subscription = incoming.subscription {
                try connection.run("UPDATE shipments SET subscription = ? WHERE carrier = ? AND number = ?",
                                   [.text(subscription), .text(key.carrier.id), .text(key.number)])
            }
        } else {
            outcome = .created(version: 1)
            try connection.run(
                """
                INSERT INTO shipments(carrier, number, version, trace, trace_hash, latest_event_at, state,
                  subscription, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(key.carrier.id), .text(key.number), .blob(Array(incoming.trace)), .text(hash),
                 .double(newest), .text(incoming.state), .string(incoming.subscription),
                 .real(now.timeIntervalSince1970), .real(now.timeIntervalSince1970)])
        }
        try connection.run(
            """
            INSERT INTO pushes(carrier, number, received_at, source, outcome, version, bytes, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(key.carrier.id), .text(key.number), .real(now.timeIntervalSince1970), .text(incoming.source),
             .text(outcome.word), .integer(Int64(outcome.version)), .integer(Int64(incoming.trace.count)),
             .blob(Array(incoming.trace))])
        try connection.run(
            """
            DELETE FROM pushes WHERE carrier = ? AND number = ? AND id NOT IN
              (SELECT id FROM pushes WHERE carrier = ? AND number = ? ORDER BY id DESC LIMIT ?)
            """,
            [.text(key.carrier.id), .text(key.number), .text(key.carrier.id), .text(key.number),
             .integer(Int64(historyLimit))])
        return outcome
    }

    private static let recordColumns =
        "carrier, number, version, trace, trace_hash, latest_event_at, state, subscription, updated_at"

    private static func record(_ row: Row) throws -> ShipmentRecord {
        ShipmentRecord(
            key: try ShipmentKey(carrier: try Carrier.named(row.string(0)), number: row.string(1)),
            version: row.int(2), trace: Data(row.blob(3)), traceHash: row.string(4),
            latestEventAt: row.optionalDouble(5).map { Date(timeIntervalSince1970: $0) }, state: row.string(6),
            subscription: row.optionalString(7), updatedAt: Date(timeIntervalSince1970: row.double(8)))
    }

    /// The stored shipment, or nil.
    public func get(_ key: ShipmentKey) throws -> ShipmentRecord? {
        try locked {
            try connection.query("SELECT \(Self.recordColumns) FROM shipments WHERE carrier = ? AND number = ?",
                                 [.text(key.carrier.id), .text(key.number)], Self.record).first
        }
    }

    /// Shipments, most recently updated first.
    public func list(limit: Int = 100, offset: Int = 0) throws -> [ShipmentRecord] {
        try locked {
            try connection.query(
                "SELECT \(Self.recordColumns) FROM shipments ORDER BY updated_at DESC, carrier, number LIMIT ? OFFSET ?",
                [.integer(Int64(limit)), .integer(Int64(offset))], Self.record)
        }
    }

    /// How many shipments are stored.
    public func count() throws -> Int {
        try locked { try connection.query("SELECT count(*) FROM shipments") { $0.int(0) }.first ?? 0 }
    }

    /// Deletes a shipment and its history; returns whether it existed.
    @discardableResult
    public func delete(_ key: ShipmentKey) throws -> Bool {
        try locked {
            try connection.transaction {
                try connection.run("DELETE FROM pushes WHERE carrier = ? AND number = ?",
                                   [.text(key.carrier.id), .text(key.number)])
                try connection.run("DELETE FROM shipments WHERE carrier = ? AND number = ?",
                                   [.text(key.carrier.id), .text(key.number)])
                return connection.changes > 0
            }
        }
    }

    /// The shipment's received pushes, newest first.
    public func history(_ key: ShipmentKey) throws -> [PushRecord] {
        try locked {
            try connection.query(
                """
                SELECT received_at, source, outcome, version, bytes FROM pushes
                WHERE carrier = ? AND number = ? ORDER BY id DESC
                """, [.text(key.carrier.id), .text(key.number)]
            ) {
                PushRecord(receivedAt: Date(timeIntervalSince1970: $0.double(0)), source: $0.string(1),
                           outcome: $0.string(2), version: $0.int(3), bytes: $0.int(4))
            }
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a healthy file.
    public func integrityCheck() throws -> String {
        try locked { try connection.query("PRAGMA integrity_check") { $0.string(0) }.joined(separator: "; ") }
    }
}
