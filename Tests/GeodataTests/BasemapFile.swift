import Foundation
import SQLite

/// Opens the committed `geodata/basemap.sqlite`, found relative to this source file, read-only.
enum BasemapFile {
    static var path: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // GeodataTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
            .appendingPathComponent("geodata/basemap.sqlite").path
    }

    static func open() throws -> Connection {
        try Connection(path: path, mode: .readOnly)
    }
}

/// A geometry blob that does not follow geodata/FORMAT.md.
struct BasemapBlobError: Error, CustomStringConvertible {
    var description: String
}

/// A decoded feature geometry: parts (rings or line strings) of points in degrees.
struct BasemapGeometry {
    /// Each part's points as (lon, lat) in the stored 1e-5 degree units.
    var parts: [[(lon: Int32, lat: Int32)]]

    /// Decodes FORMAT.md's blob: little-endian u32 parts; per part u32 n, then n × (i32 lon, i32 lat).
    /// Every byte must be accounted for.
    init(blob: [UInt8]) throws {
        var offset = 0
        func u32() throws -> UInt32 {
            guard offset + 4 <= blob.count else {
                throw BasemapBlobError(description: "blob ends at \(blob.count) inside a u32 at \(offset)")
            }
            let value = UInt32(blob[offset]) | UInt32(blob[offset + 1]) << 8 | UInt32(blob[offset + 2]) << 16
                | UInt32(blob[offset + 3]) << 24
            offset += 4
            return value
        }
        let partCount = try u32()
        guard partCount > 0 else { throw BasemapBlobError(description: "a geometry without parts") }
        var parts: [[(lon: Int32, lat: Int32)]] = []
        parts.reserveCapacity(Int(partCount))
        for _ in 0..<partCount {
            let n = Int(try u32())
            guard offset + n * 8 <= blob.count else {
                throw BasemapBlobError(description: "a part of \(n) points overruns the blob of \(blob.count) bytes")
            }
            var points: [(lon: Int32, lat: Int32)] = []
            points.reserveCapacity(n)
            for _ in 0..<n {
                let lon = Int32(bitPattern: try u32())
                let lat = Int32(bitPattern: try u32())
                points.append((lon, lat))
            }
            parts.append(points)
        }
        guard offset == blob.count else {
            throw BasemapBlobError(description: "\(blob.count - offset) trailing bytes after \(partCount) parts")
        }
        self.parts = parts
    }

    var vertexCount: Int { parts.reduce(0) { $0 + $1.count } }

    /// The bounding box in degrees: (minLon, minLat, maxLon, maxLat).
    var bounds: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        var minLon = Int32.max, minLat = Int32.max, maxLon = Int32.min, maxLat = Int32.min
        for part in parts {
            for p in part {
                minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
                minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
            }
        }
        return (Double(minLon) / 1e5, Double(minLat) / 1e5, Double(maxLon) / 1e5, Double(maxLat) / 1e5)
    }

    /// The smallest planar distance in degrees from a point to any segment of the geometry's parts.
    func distance(lon: Double, lat: Double) -> Double {
        var best = Double.infinity
        for part in parts {
            for i in part.indices.dropFirst() {
                let ax = Double(part[i - 1].lon) / 1e5, ay = Double(part[i - 1].lat) / 1e5
                let bx = Double(part[i].lon) / 1e5, by = Double(part[i].lat) / 1e5
                let dx = bx - ax, dy = by - ay
                let len2 = dx * dx + dy * dy
                let t = len2 == 0 ? 0 : max(0, min(1, ((lon - ax) * dx + (lat - ay) * dy) / len2))
                let px = ax + t * dx - lon, py = ay + t * dy - lat
                best = min(best, (px * px + py * py).squareRoot())
            }
        }
        return best
    }

    /// Even-odd point-in-polygon over all rings (the fill rule FORMAT.md gives for polygons).
    func contains(lon: Double, lat: Double) -> Bool {
        let x = lon * 1e5, y = lat * 1e5
        var inside = false
        for ring in parts where ring.count >= 3 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let xi = Double(ring[i].lon), yi = Double(ring[i].lat)
                let xj = Double(ring[j].lon), yj = Double(ring[j].lat)
                if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}

/// One row of `features`, as the tests read it.
struct BasemapFeature {
    var id: Int
    var layer: String
    var lod: Int
    var geometryType: Int
    var name: String?
    var nameEn: String?
    var code: String?
    var minLon: Double, minLat: Double, maxLon: Double, maxLat: Double
    var blob: [UInt8]

    static let columns = "id, layer, lod, geometry_type, name, name_en, code, min_lon, min_lat, max_lon, max_lat, geometry"

    init(_ row: Row) {
        id = row.int(0)
        layer = row.string(1)
        lod = row.int(2)
        geometryType = row.int(3)
        name = row.optionalString(4)
        nameEn = row.optionalString(5)
        code = row.optionalString(6)
        minLon = row.double(7); minLat = row.double(8); maxLon = row.double(9); maxLat = row.double(10)
        blob = row.blob(11)
    }

    func geometry() throws -> BasemapGeometry { try BasemapGeometry(blob: blob) }
}

extension Connection {
    func basemapFeatures(_ whereClause: String, _ arguments: [SQLiteValue] = []) throws -> [BasemapFeature] {
        try query("SELECT \(BasemapFeature.columns) FROM features WHERE \(whereClause) ORDER BY id", arguments) {
            BasemapFeature($0)
        }
    }

    func basemapCount(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> Int {
        try query(sql, arguments) { $0.int(0) }.first ?? 0
    }

    func basemapMeta(_ key: String) throws -> String? {
        try query("SELECT value FROM meta WHERE key = ?", [.text(key)]) { $0.string(0) }.first
    }

    /// A meta value that must exist and be an integer.
    func basemapMetaInt(_ key: String) throws -> Int {
        guard let text = try basemapMeta(key), let value = Int(text) else {
            throw BasemapBlobError(description: "meta \(key) is missing or not an integer")
        }
        return value
    }
}
