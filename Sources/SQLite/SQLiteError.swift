import CSQLite

/// An error from SQLite, with the extended result code, SQLite's message and the SQL that failed.
///
/// Modelled on GRDB's `DatabaseError`: every non-OK result code becomes one of these, never a silent failure.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The extended result code (`sqlite3_extended_errcode`), for example `SQLITE_CONSTRAINT_UNIQUE`.
    public let extendedCode: Int32
    /// SQLite's own message (`sqlite3_errmsg`) or a description of what the wrapper was doing.
    public let message: String
    /// The statement that failed, when one was involved.
    public let sql: String?

    /// The primary result code, for example `SQLITE_CONSTRAINT` for every constraint violation.
    public var code: Int32 { extendedCode & 0xff }

    public init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    /// Reads the last error of a connection handle.
    init(handle: OpaquePointer?, code: Int32, sql: String? = nil) {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let text = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(code: extended == 0 ? code : extended, message: text, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }
}
