import Foundation
import Geo
import SQLite

extension Gazetteer {
    /// Loads `gazetteer.sqlite` (schema in `geodata/FORMAT.md`) into memory and builds the name matcher.
    ///
    /// Names are hashed straight from SQLite's UTF-8 bytes, without making a `String` per name, which keeps
    /// start-up within the `ready_ms` budget.
    /// - Throws: `GazetteerError.notFound` or `.corrupt`, naming the file.
    public static func load(path: String) throws -> Gazetteer {
        guard FileManager.default.fileExists(atPath: path) else {
            throw GazetteerError.notFound(file: path, searched: [path])
        }
        do {
            let db = try Connection(path: path, mode: .readOnly)
            let version = try db.query("SELECT value FROM meta WHERE key = 'data_version'") { $0.string(0) }.first
            let formats = try db.query("SELECT value FROM meta WHERE key = 'format_version'") { $0.string(0) }
            guard formats.first == "1" else {
                throw GazetteerError.corrupt(file: path, reason: "format_version is \(formats.first ?? "missing"), expected 1")
            }
            var places: [Place] = []
            var byID: [Int: Int32] = [:]
            let placeSQL = """
                SELECT id, name, short_name, name_en, name_zh, level, code, country, parent_id, admin1, lat, lon,
                       population, point_quality, hub_id FROM places ORDER BY id
                """
            let statement = try db.prepare(placeSQL)
            while let row = try statement.step() {
                guard let level = PlaceLevel(rawValue: row.string(5)) else {
                    throw GazetteerError.corrupt(file: path, reason: "place \(row.int(0)) has level '\(row.string(5))'")
                }
                let c = Coordinate(lat: row.double(10), lon: row.double(11))
                guard c.isValid else {
                    throw GazetteerError.corrupt(file: path, reason: "place \(row.int(0)) has coordinates \(c)")
                }
                let place = Place(id: row.int(0), name: row.string(1), shortName: row.optionalString(2),
                                  nameEn: row.optionalString(3), nameZh: row.optionalString(4), level: level,
                                  code: row.optionalString(6), country: row.string(7), parentID: row.optionalInt(8),
                                  admin1: row.optionalString(9), coordinate: c, population: row.int(12),
                                  pointQuality: row.string(13), hubID: row.optionalInt(14))
                byID[place.id] = Int32(places.count)
                places.append(place)
            }
            // Ids are dense in practice: an array beats a dictionary for the name rows' lookups.
            let maxID = places.map(\.id).max() ?? 0
            var dense = [Int32](repeating: -1, count: maxID < places.count * 4 ? maxID + 1 : 0)
            if !dense.isEmpty { for (i, p) in places.enumerated() where p.id >= 0 { dense[p.id] = Int32(i) } }
            let nameCount = try db.query("SELECT count(*) FROM names") { $0.int(0) }.first ?? 0
            var index = NameIndex(expectedNames: nameCount)
            var scalars: [UInt32] = []
            scalars.reserveCapacity(64)
            let names = try db.prepare("SELECT name, place_id, kind, weight FROM names")
            while let row = try names.step() {
                let id = row.int(1)
                let found: Int32? = id >= 0 && id < dense.count ? (dense[id] >= 0 ? dense[id] : nil) : byID[id]
                guard let at = found else {
                    throw GazetteerError.corrupt(file: path, reason: "a name refers to unknown place \(id)")
                }
                guard let kind = row.withBlob(2, { NameKind(utf8: $0) }) else {
                    throw GazetteerError.corrupt(file: path, reason: "unknown name kind '\(row.string(2))'")
                }
                scalars.removeAll(keepingCapacity: true)
                row.withBlob(0) { decodeNormalized($0, into: &scalars) }
                scalars.withUnsafeBufferPointer {
                    index.add($0, NameRef(place: at, kind: kind, weight: Float(row.double(3))))
                }
            }
            index.finish()
            var sites: [SiteWord] = []
            for (word, kind) in try db.query("SELECT word, kind FROM site_words", [], { ($0.string(0), $0.string(1)) }) {
                guard let k = SiteWord.Kind(rawValue: kind) else {
                    throw GazetteerError.corrupt(file: path, reason: "site word '\(word)' has kind '\(kind)'")
                }
                sites.append(SiteWord(word: word.lowercased(), kind: k))
            }
            return try Gazetteer(places: places, indexByID: byID, names: index, siteWords: sites,
                                 dataVersion: version ?? "", file: path)
        } catch let error as SQLiteError {
            throw GazetteerError.corrupt(file: path, reason: error.message)
        }
    }

    /// Finds the geodata directory with `locator` and loads its gazetteer.
    public static func load(locator: GeodataLocator = GeodataLocator()) throws -> Gazetteer {
        try load(path: locator.gazetteerPath())
    }
}

/// Decodes UTF-8 bytes into normalised scalars, collapsing spaces (names are stored normalised already; this
/// makes the index agree with `MatchText` even when they are not).
func decodeNormalized(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt32]) {
    var i = 0
    let n = bytes.count
    while i < n {
        let b0 = UInt32(bytes[i])
        var v: UInt32
        if b0 < 0x80 { v = b0; i += 1 }
        else if b0 < 0xE0, i + 1 < n { v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2 }
        else if b0 < 0xF0, i + 2 < n {
            v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
        } else if i + 3 < n {
            v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F); i += 4
        } else { break }
        var s = MatchText.normalize(v).0
        if s < 0x80 && !MatchText.isAlnum(s) { s = 0x20 }  // names never hold punctuation
        if s == 0x20 && (out.isEmpty || out.last == 0x20) { continue }
        out.append(s)
    }
    while out.last == 0x20 { out.removeLast() }
}
