import Foundation
import Geo
import SQLite

/// The base map (land, water, borders) from `geodata/basemap.sqlite`, loaded once and kept projected.
///
/// Points are stored as Web Mercator world pixels at zoom 0 (a 256-pixel world), so drawing at zoom `z` is a
/// multiply and a subtract per point. Layers the renderer does not know are skipped. Immutable after loading, so
/// one instance serves every render on every thread.
public final class BaseMap: Sendable {
    /// The layers the renderer draws (FORMAT.md names).
    public enum Layer: String, Sendable, CaseIterable {
        case land, lake, coastline
        case countryBorder = "country-border"
        case province
        case provinceBorder = "province-border"
        case prefectureBorder = "prefecture-border"
        /// US state borders, drawn like province borders.
        case stateBorder = "state-border"
        /// GSHHG rivers: kind `major` (single-line rivers) or `bank` (both banks of a wide river).
        case river
    }

    /// One feature: its parts as flat (x, y) pairs in zoom-0 world pixels.
    struct Feature: Sendable {
        var isPolygon: Bool
        var minX, minY, maxX, maxY: Double
        /// Start of each part in `coordinates` (in points), plus the end.
        var partStarts: [Int]
        var coordinates: [Double]
    }

    /// A name to show on the map for context (a country or a province), at the feature's label point.
    public struct PlaceLabel: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case country, province }
        public var kind: Kind
        public var name: String
        public var shortName: String?
        public var englishName: String?
        public var lon: Double
        public var lat: Double
        /// The feature's extent in degrees (longitude, latitude): small places get no label in wide views.
        public var lonSpan: Double
        public var latSpan: Double
        /// ISO alpha-2 for countries, the adcode for provinces.
        public var code: String? = nil
    }

    /// features[lod][layer].
    let features: [Int: [Layer: [Feature]]]
    /// Country and province labels, from the optional `label_lon`/`label_lat` columns (one per feature code).
    public let placeLabels: [PlaceLabel]
    /// The country under each half-degree cell, from the `country` fills (empty when the file has none).
    let countryGrid: CountryGrid
    /// The base map's own attribution (`meta.attribution`), when it has one.
    public let attribution: String?
    /// The levels of detail present, ascending.
    public let levels: [Int]
    /// The lon/lat box (minLon, minLat, maxLon, maxLat) a level covers, for levels that cover only a region
    /// (`meta.lods` → `region`); a level not listed covers the world.
    let regions: [Int: (Double, Double, Double, Double)]
    public let path: String
    /// `meta.data_version`, for cache keys and ETags.
    public let dataVersion: String

    /// Loads every known layer of every level of detail from the SQLite file at `path`.
    ///
    /// Throws `render.basemap_unavailable` naming the file when it is missing, not a database, or has a broken
    /// geometry.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RenderError(.basemapUnavailable, "base map \(path) does not exist")
        }
        var features: [Int: [Layer: [Feature]]] = [:]
        var version = ""
        var labels: [PlaceLabel] = []
        var attribution: String?
        var countryRings: [(code: String, rings: [[(lon: Double, lat: Double)]])] = []
        var regions: [Int: (Double, Double, Double, Double)] = [:]
        do {
            let db = try Connection(path: path, mode: .readOnly)
            version = try db.query("SELECT value FROM meta WHERE key = 'data_version'") { $0.string(0) }.first ?? ""
            attribution = try db.query("SELECT value FROM meta WHERE key = 'attribution'") { $0.string(0) }.first
            if let lods = try db.query("SELECT value FROM meta WHERE key = 'lods'") { $0.string(0) }.first {
                regions = BaseMap.regions(lodsJSON: lods)
            }
            let columns = Set(try db.query("PRAGMA table_info(features)") { $0.string(1) })
            if columns.isSuperset(of: ["label_lon", "label_lat", "short_name"]) {
                var seen: Set<String> = []
                labels = try db.query("""
                    SELECT layer, name, short_name, name_en, label_lon, label_lat, code,
                           max_lon - min_lon, max_lat - min_lat FROM features
                    WHERE layer IN ('country', 'province', 'state') AND label_lon IS NOT NULL AND name IS NOT NULL
                    ORDER BY lod, id
                    """) { row -> PlaceLabel? in
                    let key = row.string(0) + "|" + (row.optionalString(6) ?? row.string(1))
                    guard !seen.contains(key) else { return nil }
                    seen.insert(key)
                    return PlaceLabel(kind: row.string(0) == "country" ? .country : .province, name: row.string(1),
                                      shortName: row.optionalString(2), englishName: row.optionalString(3),
                                      lon: row.double(4), lat: row.double(5), lonSpan: row.double(7),
                                      latSpan: row.double(8), code: row.optionalString(6))
                }.compactMap { $0 }
            }
            countryRings = try db.query("""
                SELECT code, geometry FROM features WHERE layer = 'country' AND lod = 0 AND geometry_type = 1
                  AND code IS NOT NULL ORDER BY id
                """) { row in (row.string(0), row.withBlob(1) { BaseMap.decodeDegrees($0) } ?? []) }
            let statement = try db.prepare("SELECT id, layer, lod, geometry_type, geometry FROM features ORDER BY id")
            while let row = try statement.step() {
                guard let layer = Layer(rawValue: row.string(1)) else { continue }
                let id = row.int(0), lod = row.int(2), type = row.int(3)
                guard type == 1 || type == 2 else {
                    throw RenderError(.basemapUnavailable, "base map \(path): feature \(id) has geometry type \(type)")
                }
                let feature = try row.withBlob(4) { blob -> Feature in
                    guard let f = BaseMap.decode(blob, isPolygon: type == 1) else {
                        throw RenderError(.basemapUnavailable, "base map \(path): feature \(id) has a truncated geometry")
                    }
                    return f
                }
                features[lod, default: [:]][layer, default: []].append(feature)
            }
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError(.basemapUnavailable, "base map \(path) cannot be read: \(error)")
        }
        guard !features.isEmpty else {
            throw RenderError(.basemapUnavailable, "base map \(path) has no features the renderer can draw")
        }
        self.features = features
        self.placeLabels = labels
        self.countryGrid = CountryGrid.rasterise(countryRings)
        self.attribution = attribution
        self.levels = features.keys.sorted()
        self.regions = regions
        self.dataVersion = version
    }

    /// The base map found by `ResourceLocator` (env `TRACEMAP_GEODATA_DIR`, or `geodata/` near the executable or
    /// the current directory).
    public static func locate() throws -> BaseMap {
        guard let dir = ResourceLocator.directory(named: "geodata", containing: "basemap.sqlite",
                                                  environment: "TRACEMAP_GEODATA_DIR")
        else {
            throw RenderError(.basemapUnavailable,
                              "geodata/basemap.sqlite not found (set TRACEMAP_GEODATA_DIR or run from the checkout)")
        }
        return try BaseMap(path: dir.appendingPathComponent("basemap.sqlite").path)
    }

    /// The finest level at or below `lod` whose region covers the lon/lat box (a regional level is used only for
    /// views inside its region; elsewhere the next coarser level draws).
    func level(_ lod: Int, covering minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Int {
        var level = lod
        while level > 0, let r = regions[level],
              !(minLon >= r.0 && minLat >= r.1 && maxLon <= r.2 && maxLat <= r.3) {
            level -= 1
        }
        return level
    }

    /// The `region` boxes of `meta.lods` (`{"3": {"region": [70, -12, 150, 56], …}, …}`); malformed entries are
    /// read as covering the world.
    static func regions(lodsJSON: String) -> [Int: (Double, Double, Double, Double)] {
        guard let data = lodsJSON.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var out: [Int: (Double, Double, Double, Double)] = [:]
        for (key, value) in object {
            guard let lod = Int(key), let entry = value as? [String: Any],
                  let box = entry["region"] as? [Double], box.count == 4 else { continue }
            out[lod] = (box[0], box[1], box[2], box[3])
        }
        return out
    }

    /// The features of `layer` at `lod`, falling back to the nearest coarser level, then finer, that has the layer.
    func features(_ layer: Layer, lod: Int) -> [Feature] {
        let ordered = levels.filter { $0 <= lod }.reversed() + levels.filter { $0 > lod }
        for level in ordered { if let list = features[level]?[layer], !list.isEmpty { return list } }
        return []
    }

    /// Walks FORMAT.md's blob: u32 parts; per part u32 n, then n × (i32 lon, i32 lat) in 1e-5° (little-endian).
    /// Calls `part` with each part's point count, then `point` with its points in degrees; false when the blob is
    /// truncated or longer than its parts.
    @inline(__always)
    static func walk(_ blob: UnsafeRawBufferPointer, part: (Int) -> Void, point: (Double, Double) -> Void) -> Bool {
        var offset = 0
        func u32() -> UInt32? {
            guard offset + 4 <= blob.count else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        guard let parts = u32(), parts < 1_000_000 else { return false }
        for _ in 0..<parts {
            guard let n = u32(), offset + Int(n) * 8 <= blob.count else { return false }
            part(Int(n))
            for _ in 0..<n {
                let lon = Double(Int32(bitPattern: u32()!)) / 1e5
                let lat = Double(Int32(bitPattern: u32()!)) / 1e5
                point(lon, lat)
            }
        }
        return offset == blob.count
    }

    /// FORMAT.md's blob as rings of degrees (nil when it is broken).
    static func decodeDegrees(_ blob: UnsafeRawBufferPointer) -> [[(lon: Double, lat: Double)]]? {
        var rings: [[(lon: Double, lat: Double)]] = []
        let ok = walk(blob, part: { n in
            rings.append([])
            rings[rings.count - 1].reserveCapacity(n)
        }, point: { lon, lat in rings[rings.count - 1].append((lon, lat)) })
        return ok ? rings : nil
    }

    /// Decodes FORMAT.md's blob into a feature projected to zoom-0 world pixels (nil when it is broken or empty).
    static func decode(_ blob: UnsafeRawBufferPointer, isPolygon: Bool) -> Feature? {
        var coordinates: [Double] = []
        var starts: [Int] = []
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        let ok = walk(blob, part: { n in
            starts.append(coordinates.count / 2)
            coordinates.reserveCapacity(coordinates.count + n * 2)
        }, point: { lon, lat in
            let x = WebMercator.x(lon: lon, zoom: 0), y = WebMercator.y(lat: lat, zoom: 0)
            coordinates.append(x)
            coordinates.append(y)
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        })
        starts.append(coordinates.count / 2)
        guard ok, !coordinates.isEmpty else { return nil }
        return Feature(isPolygon: isPolygon, minX: minX, minY: minY, maxX: maxX, maxY: maxY, partStarts: starts,
                       coordinates: coordinates)
    }
}
