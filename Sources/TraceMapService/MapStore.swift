import Digest
import Foundation
import SQLite

/// The stored maps of `POST /v1/maps`: one SQLite file (WAL) in the data directory, content-addressed.
///
/// A map's id is the hex of the first 12 bytes (96 bits) of SHA-256 over the trace bytes, a newline and the
/// canonical options (`RenderQuery.canonical`), so storing the same trace with the same options twice gives the same
/// id and one row. Rows never change, which is what lets `GET /v1/maps/{id}` send `immutable` caching headers.
public final class MapStore: @unchecked Sendable {
    // @unchecked Sendable: the one connection is only touched while `lock` is held; `options` is `Locked`.
    private let connection: Connection
    private let lock = NSLock()
    /// Options of maps already read, so the cached GET path needs no database read (rows never change). A plain
    /// mutex (`Locked`): every cached GET reads it.
    private let options = Locked<[String: String]>([:])
    /// How many ids `options` remembers before it starts over (bounds its memory).
    static let rememberedIDs = 100_000
    public let path: String

    /// One stored map.
    public struct Record: Sendable, Equatable {
        public var id: String
        public var trace: Data
        /// The canonical options query (`size=800x600&scale=1&style=default&format=png&lang=zh`).
        public var options: String
    }

    /// The store's file inside the service's data directory.
    public static func defaultPath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("maps.sqlite")
    }

    /// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
    static let migrations: [String] = [
        """
        CREATE TABLE maps(
          id TEXT PRIMARY KEY,
          trace BLOB NOT NULL,
          options TEXT NOT NULL,
          created_at REAL NOT NULL
        ) WITHOUT ROWID;
        """,
    ]

    /// Opens (creating when missing) the store and applies pending migrations.
    /// - Throws: `SQLiteError` naming the file.
    public init(path: String) throws {
        self.path = path
        connection = try Connection(path: path, mode: .readWrite)
        let current = try connection.query("PRAGMA user_version") { $0.int(0) }.first ?? 0
        guard current <= Self.migrations.count else {
            throw SQLiteError(code: 1, message: "\(path) has maps schema version \(current); this build knows up to "
                + "\(Self.migrations.count): upgrade TraceMap")
        }
        for index in current..<Self.migrations.count {
            try connection.transaction {
                try connection.execute(Self.migrations[index])
                try connection.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    /// The content address of a trace with its canonical options.
    public static func id(trace: Data, options: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(trace))
        hasher.update([0x0A])
        hasher.update(Array(options.utf8))
        return Hex.encode(hasher.finalize().prefix(12))
    }

    /// Whether `text` has the shape of an id (24 lowercase hex digits), checked before touching the database.
    public static func isID(_ text: String) -> Bool {
        text.utf8.count == 24 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Stores the map (a no-op when that content is already stored) and returns its id; returns after the commit.
    @discardableResult
    public func put(trace: Data, options: String) throws -> String {
        let id = Self.id(trace: trace, options: options)
        try locked {
            try connection.run("INSERT OR IGNORE INTO maps(id, trace, options, created_at) VALUES (?, ?, ?, ?)",
                               [.text(id), .blob(Array(trace)), .text(options),
                                .real(Date().timeIntervalSince1970)])
        }
        remember(id, options)
        return id
    }

    /// The stored map, or nil.
    public func get(_ id: String) throws -> Record? {
        guard Self.isID(id) else { return nil }
        let record = try locked {
            try connection.query("SELECT id, trace, options FROM maps WHERE id = ?", [.text(id)]) {
                Record(id: $0.string(0), trace: Data($0.blob(1)), options: $0.string(2))
            }.first
        }
        if let record { remember(record.id, record.options) }
        return record
    }

    /// The stored options of a map, from memory when it was read before; nil when there is no such map.
    public func options(of id: String) throws -> String? {
        if let known = options.withLock({ $0[id] }) { return known }
        return try get(id)?.options
    }

    /// The stored options of a map if they are in memory (read or stored before); nil says "unknown", not "no such
    /// map". Never touches the database, so it cannot block on it.
    public func rememberedOptions(of id: String) -> String? {
        options.withLock { $0[id] }
    }

    /// How many maps are stored.
    public func count() throws -> Int {
        try locked { try connection.query("SELECT count(*) FROM maps") { $0.int(0) }.first ?? 0 }
    }

    /// Whether the database answers (for readiness).
    public func isReadable() -> Bool {
        (try? locked { try connection.query("SELECT 1") { $0.int(0) } }) != nil
    }

    /// Whether a map could be stored now (for readiness): see `Connection.isWritable`.
    public func isWritable() -> Bool {
        (try? locked { connection.isWritable() }) ?? false
    }

    private func remember(_ id: String, _ text: String) {
        options.withLock {
            if $0.count >= Self.rememberedIDs { $0.removeAll(keepingCapacity: true) }
            $0[id] = text
        }
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
