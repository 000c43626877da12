import Foundation
import SQLite

/// Opens the committed `geodata/gazetteer.sqlite`, found relative to this source file, read-only.
enum GazetteerFile {
    static var path: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // GeodataTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
            .appendingPathComponent("geodata/gazetteer.sqlite").path
    }

    static func open() throws -> Connection {
        try Connection(path: path, mode: .readOnly)
    }
}

/// One row of `places`, as the tests read it.
struct GazetteerPlace: Equatable {
    var id: Int
    var name: String
    var level: String
    var code: String?
    var country: String
    var parentID: Int?
    var admin1: String?
    var lat: Double
    var lon: Double
    var pointQuality: String

    static let columns = "p.id, p.name, p.level, p.code, p.country, p.parent_id, p.admin1, p.lat, p.lon, p.point_quality"

    init(_ row: Row) {
        id = row.int(0)
        name = row.string(1)
        level = row.string(2)
        code = row.optionalString(3)
        country = row.string(4)
        parentID = row.optionalInt(5)
        admin1 = row.optionalString(6)
        lat = row.double(7)
        lon = row.double(8)
        pointQuality = row.string(9)
    }
}

extension Connection {
    /// Places that a surface form names (the `names` table), best weight first.
    func gazetteerPlaces(named name: String) throws -> [GazetteerPlace] {
        try query("""
            SELECT \(GazetteerPlace.columns) FROM names n JOIN places p ON p.id = n.place_id
            WHERE n.name = ? ORDER BY n.weight DESC, p.population DESC, p.id
            """, [.text(name)]) { GazetteerPlace($0) }
    }

    func gazetteerPlace(id: Int) throws -> GazetteerPlace? {
        try query("SELECT \(GazetteerPlace.columns) FROM places p WHERE p.id = ?", [.integer(Int64(id))]) {
            GazetteerPlace($0)
        }.first
    }

    func gazetteerPlace(level: String, code: String) throws -> GazetteerPlace? {
        try query("SELECT \(GazetteerPlace.columns) FROM places p WHERE p.level = ? AND p.code = ?",
                  [.text(level), .text(code)]) { GazetteerPlace($0) }.first
    }

    func gazetteerCount(_ sql: String) throws -> Int {
        try query(sql) { $0.int(0) }.first ?? 0
    }

    func gazetteerMeta(_ key: String) throws -> String? {
        try query("SELECT value FROM meta WHERE key = ?", [.text(key)]) { $0.string(0) }.first
    }
}
