import Foundation
import SQLite
import Testing

/// The second cartography leg's base-map content (issue 15 §2, §4): the regional city level, rivers, the South
/// China Sea islands at every level, US states, and polygons oriented for non-zero filling.
@Suite struct BasemapDetailTests {
    let db: Connection

    init() throws { db = try BasemapFile.open() }

    /// lod 3's region from `meta.lods`.
    func cityRegion() throws -> [Double] {
        let lods = try #require(try db.basemapMeta("lods"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lods.utf8)) as? [String: [String: Any]])
        return try #require(object["3"]?["region"] as? [Double])
    }

    @Test func theCityLevelCoversEastAsiaOnly() throws {
        let region = try cityRegion()
        #expect(region.count == 4)
        let outside = try db.basemapCount("""
            SELECT count(*) FROM features WHERE lod = 3 AND
              (min_lon < ? - 1e-9 OR min_lat < ? - 1e-9 OR max_lon > ? + 1e-9 OR max_lat > ? + 1e-9)
            """, region.map { .real($0) })
        #expect(outside == 0)
        // Finer than lod 2 where both exist: Guangdong has more vertices at lod 3.
        let gd2 = try #require(try db.basemapFeatures("layer = 'province' AND lod = 2 AND code = '440000'").first)
        let gd3 = try #require(try db.basemapFeatures("layer = 'province' AND lod = 3 AND code = '440000'").first)
        #expect(try gd3.geometry().vertexCount > 2 * gd2.geometry().vertexCount)
    }

    @Test(arguments: BasemapContentTests.lods) func southChinaSeaIslandsAreLandAtEveryLevel(lod: Int) throws {
        // Woody Island (永兴岛, at the gazetteer's point for 三沙市, its seat) in the Paracels, and Itu Aba (太平岛) in
        // the Spratlys.
        let islands: [(String, Double, Double)] = [("Woody Island", 16.833478, 112.333792), ("Itu Aba", 10.3733, 114.3630)]
        for (name, lat, lon) in islands {
            let land = try db.basemapFeatures("""
                layer = 'land' AND lod = ? AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?
                """, [.integer(Int64(lod)), .real(lon), .real(lon), .real(lat), .real(lat)])
            let hit = try land.contains { try $0.geometry().contains(lon: lon, lat: lat) }
            #expect(hit, "\(name) is not land at lod \(lod)")
        }
    }

    @Test func riversAreLinesAtTheProvinceAndCityLevels() throws {
        for lod in [2, 3] {
            let n = try db.basemapCount("SELECT count(*) FROM features WHERE layer = 'river' AND lod = ?",
                                        [.integer(Int64(lod))])
            #expect(n > 0, "lod \(lod) has no rivers")
        }
        #expect(try db.basemapCount("SELECT count(*) FROM features WHERE layer = 'river' AND geometry_type <> 2") == 0)
        #expect(try db.basemapCount("SELECT count(*) FROM features WHERE layer = 'river' AND lod < 2") == 0)
        // The Yangtze passes Wuhan (30.58 N, 114.30 E) within 5 km at the city level.
        let near = try db.basemapFeatures("""
            layer = 'river' AND lod = 3 AND min_lon <= 114.3 AND max_lon >= 114.3 AND min_lat <= 30.58 AND max_lat >= 30.58
            """)
        let distance = try near.map { try $0.geometry().distance(lon: 114.30, lat: 30.58) }.min() ?? .infinity
        #expect(distance < 0.05)
    }

    @Test func usStatesHaveLabelsAndSharedBorders() throws {
        let states = try db.basemapFeatures("layer = 'state' AND lod = 0")
        #expect(states.count == 51)  // 50 states and DC
        #expect(states.allSatisfy { $0.minLon >= -180 && $0.maxLon <= 180 })
        let california = try #require(states.first { $0.code == "US-CA" })
        #expect(california.nameEn == "California")
        #expect(california.name == "加利福尼亚州")
        #expect(try california.geometry().contains(lon: -121.4944, lat: 38.5816))  // Sacramento
        let labelled = try db.basemapCount("SELECT count(*) FROM features WHERE layer = 'state' AND label_lon IS NOT NULL")
        #expect(labelled == 51)
        for lod in [1, 2] {
            let border = try db.basemapCount("""
                SELECT count(*) FROM features WHERE layer = 'state-border' AND lod = ? AND code = 'US-CA|US-NV'
                """, [.integer(Int64(lod))])
            #expect(border == 1, "no California–Nevada border at lod \(lod)")
        }
    }

    /// From the country level (at the world level Hong Kong is a few pixels wide and its border is simplified away).
    @Test(arguments: [1, 2, 3]) func shenzhenHongKongBoundaryIsDrawn(lod: Int) throws {
        let n = try db.basemapCount("""
            SELECT count(*) FROM features WHERE layer = 'province-border' AND lod = ? AND code = '440000|810000'
            """, [.integer(Int64(lod))])
        #expect(n == 1)
    }

    @Test(arguments: BasemapContentTests.lods) func polygonShellsAreCounterClockwise(lod: Int) throws {
        // The renderer fills with the non-zero rule: every land feature's rings must add up to a positive area
        // (shells counter-clockwise in lon/lat, holes clockwise).
        for f in try db.basemapFeatures("layer = 'land' AND lod = ?", [.integer(Int64(lod))]) {
            let g = try f.geometry()
            var area = 0.0
            for ring in g.parts {
                for i in 0..<(ring.count - 1) {
                    area += Double(ring[i].lon) * Double(ring[i + 1].lat) - Double(ring[i + 1].lon) * Double(ring[i].lat)
                }
            }
            #expect(area > 0, "land feature \(f.id) at lod \(lod) winds clockwise")
        }
    }
}
