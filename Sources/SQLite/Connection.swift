import CSQLite
import Foundation

/// An open SQLite database: owns the `sqlite3*` handle and closes it on `deinit`.
///
/// A connection is confined to one thread at a time (SQLite's "multi-thread" mode); it is not `Sendable`.
public final class Connection {
    /// How a database file is opened.
    public enum Mode: Sendable {
        /// Read-only; the file must exist. Safe to open from many connections at once.
        case readOnly
        /// Read-write, created when missing, in WAL journal mode with `synchronous=NORMAL`.
        case readWrite
        /// A private in-memory database.
        case memory
    }

    /// The raw handle, for the wrapper's own types.
    var handle: OpaquePointer?
    /// The path the connection was opened with.
    public let path: String

    /// Opens a database.
    /// - Throws: `SQLiteError` when the file is missing (read-only), unreadable or not a database.
    public init(path: String, mode: Mode = .readOnly) throws {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let target: String
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY; target = path
        case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; target = path
        case .memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY; target = ":memory:"
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(target, &db, flags, nil)
        guard rc == SQLITE_OK else {
            let error = SQLiteError(handle: db, code: rc, sql: nil)
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.extendedCode, message: "cannot open \(path): \(error.message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
        do {
            // Reading the schema makes a corrupt or non-database file fail here, at open, not at first use.
            try execute("SELECT count(*) FROM sqlite_master")
            if mode == .readWrite {
                try execute("PRAGMA journal_mode=WAL")
                try execute("PRAGMA synchronous=NORMAL")
                try execute("PRAGMA foreign_keys=ON")
            }
        } catch let error as SQLiteError {
            sqlite3_close_v2(db)
            handle = nil
            throw SQLiteError(code: error.extendedCode, message: "cannot open \(path): \(error.message)")
        }
    }

    deinit {
        if let handle { sqlite3_close_v2(handle) }
    }

    /// Closes the connection now; later use throws `SQLITE_MISUSE`.
    public func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { handle == nil }

    func liveHandle(for sql: String?) throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the database connection is closed", sql: sql)
        }
        return handle
    }

    /// Runs one or more statements that return no rows we need (DDL, pragmas, batch scripts).
    public func execute(_ sql: String) throws {
        let db = try liveHandle(for: sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(db), message: message, sql: sql)
        }
    }

    /// Compiles a statement.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Runs one statement with arguments, ignoring any rows.
    public func run(_ sql: String, _ arguments: [SQLiteValue] = []) throws {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// Runs a query and maps every row.
    public func query<T>(_ sql: String, _ arguments: [SQLiteValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var results: [T] = []
        while let row = try statement.step() { results.append(try map(row)) }
        return results
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }
}

@available(*, unavailable)
extension Connection: Sendable {}
