import Foundation
import Testing
@testable import SQLite

@Suite struct ConnectionTests {
    func temporaryPath(_ name: String = "db.sqlite") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func roundTripsEveryValueType() throws {
        let db = try Connection(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n)")
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                   [.integer(42), .real(2.5), .text("广州番禺"), .blob([0, 1, 255]), .null])
        let rows = try db.query("SELECT i, r, s, b, n FROM t") { row in
            (row.int(0), row.double(1), row.string(2), row.blob(3), row.isNull(4), row.value(2))
        }
        #expect(rows.count == 1)
        #expect(rows[0].0 == 42)
        #expect(rows[0].1 == 2.5)
        #expect(rows[0].2 == "广州番禺")
        #expect(rows[0].3 == [0, 1, 255])
        #expect(rows[0].4)
        #expect(rows[0].5 == .text("广州番禺"))
    }

    @Test func badSQLThrowsWithCodeMessageAndSQL() throws {
        let db = try Connection(path: "", mode: .memory)
        let error = #expect(throws: SQLiteError.self) { try db.prepare("SELEC nonsense") }
        #expect(error?.code == 1)  // SQLITE_ERROR
        #expect(error?.sql == "SELEC nonsense")
        #expect(error?.message.contains("syntax error") == true)
    }

    @Test func constraintViolationCarriesExtendedCode() throws {
        let db = try Connection(path: "", mode: .memory)
        try db.execute("CREATE TABLE u(k TEXT PRIMARY KEY)")
        try db.run("INSERT INTO u VALUES (?)", ["a"])
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO u VALUES (?)", ["a"]) }
        #expect(error?.code == 19)  // SQLITE_CONSTRAINT
        #expect(error?.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
    }

    @Test func closedDatabaseThrowsMisuse() throws {
        let db = try Connection(path: "", mode: .memory)
        let statement = try db.prepare("SELECT 1")
        db.close()
        #expect(db.isClosed)
        let error = #expect(throws: SQLiteError.self) { try db.execute("SELECT 1") }
        #expect(error?.code == 21)  // SQLITE_MISUSE
        #expect(throws: SQLiteError.self) { _ = try statement.step() }
    }

    @Test func wrongArgumentCountIsAnError() throws {
        let db = try Connection(path: "", mode: .memory)
        let statement = try db.prepare("SELECT ?, ?")
        #expect(throws: SQLiteError.self) { try statement.bind([1]) }
    }

    @Test func missingFileCannotBeOpenedReadOnly() {
        let path = temporaryPath("missing.sqlite")
        let error = #expect(throws: SQLiteError.self) { try Connection(path: path, mode: .readOnly) }
        #expect(error?.message.contains(path) == true)
    }

    @Test func corruptFileFailsAtOpenNamingTheFile() throws {
        let path = temporaryPath("corrupt.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { try Connection(path: path, mode: .readOnly) }
        #expect(error?.code == 26)  // SQLITE_NOTADB
        #expect(error?.message.contains("corrupt.sqlite") == true)
    }

    @Test func readWriteUsesWALAndTransactionsRollBack() throws {
        let path = temporaryPath()
        let db = try Connection(path: path, mode: .readWrite)
        let mode = try db.query("PRAGMA journal_mode") { $0.string(0) }
        #expect(mode == ["wal"])
        try db.execute("CREATE TABLE t(x INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) FROM t") { $0.int(0) } == [0])
        try db.transaction { try db.run("INSERT INTO t VALUES (?)", [.integer(7)]) }
        #expect(try db.query("SELECT x FROM t") { $0.int(0) } == [7])
        #expect(db.changes == 1)

        let reader = try Connection(path: path, mode: .readOnly)
        #expect(try reader.query("SELECT x FROM t") { $0.int(0) } == [7])
        #expect(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (8)") }
    }

    @Test func statementsAreReusableAfterReset() throws {
        let db = try Connection(path: "", mode: .memory)
        let statement = try db.prepare("SELECT ? * 2")
        for n in 1...3 {
            try statement.bind([.integer(Int64(n))])
            let row = try #require(try statement.step())
            #expect(row.int(0) == n * 2)
        }
    }
}
