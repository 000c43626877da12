import CSQLite

/// A compiled statement: owns the `sqlite3_stmt*` and finalizes it on `deinit`.
///
/// Keeps its `Connection` alive. Confined to the connection's thread.
public final class Statement {
    let handle: OpaquePointer
    /// The connection this statement belongs to; held so it outlives the statement.
    public let connection: Connection
    /// The SQL text, for errors.
    public let sql: String

    init(connection: Connection, sql: String) throws {
        let db = try connection.liveHandle(for: sql)
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(handle: db, code: rc == SQLITE_OK ? SQLITE_MISUSE : rc, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw SQLiteError(handle: connection.handle, code: rc, sql: sql) }
    }

    /// The number of `?` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Resets the statement and binds `values` to parameters 1…n.
    public func bind(_ values: [SQLiteValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement takes \(parameterCount) arguments, got \(values.count)", sql: sql)
        }
        try reset()
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds one value to a 1-based parameter index.
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        _ = try connection.liveHandle(for: sql)
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let v): try check(sqlite3_bind_int64(handle, index, v))
        case .real(let v): try check(sqlite3_bind_double(handle, index, v))
        case .text(let v): try check(sqlite3_bind_text(handle, index, v, -1, tracemap_sqlite_transient()))
        case .blob(let bytes):
            try bytes.withUnsafeBytes { raw in
                try check(sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count),
                                            tracemap_sqlite_transient()))
            }
        }
    }

    /// Resets the statement so it can run again; bindings stay.
    public func reset() throws {
        sqlite3_reset(handle)
    }

    /// Steps once: a `Row` view while rows remain, `nil` when done.
    ///
    /// The row is only valid until the next `step()`.
    public func step() throws -> Row? {
        _ = try connection.liveHandle(for: sql)
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return Row(statement: self)
        case SQLITE_DONE: return nil
        default:
            let error = SQLiteError(handle: connection.handle, code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps until done, ignoring rows.
    public func run() throws {
        while try step() != nil {}
    }

    /// Runs the statement with new arguments, ignoring rows.
    public func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        try run()
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
