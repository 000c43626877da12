import Foundation
import Geo
import SQLite
import Testing

/// The gazetteer's points are WGS-84: seats lie where independent WGS-84 sources put them, and cpca's GCJ-02 seats
/// were really converted (an unconverted set sits about 500 m east-north-east of GeoNames, which this detects).
@Suite struct GazetteerPointTests {
    let db: Connection

    init() throws { db = try GazetteerFile.open() }

    /// County and prefecture seats in 28 provinces, with GeoNames' WGS-84 coordinates (rows of GeoNamesChinaSeats).
    static let knownSeats: [(code: String, name: String, lat: Double, lon: Double)] = [
        ("110109", "门头沟区", 39.9375, 116.09669),
        ("120104", "南开区", 39.13727, 117.14748),
        ("130800", "承德市", 40.9519, 117.95883),
        ("140105", "小店区", 37.73639, 112.55639),
        ("150222", "固阳县", 41.03349, 110.05205),
        ("220400", "辽源市", 42.88545, 125.1367),
        ("230123", "依兰县", 46.3223, 129.56081),
        ("320115", "江宁区", 31.95568, 118.83269),
        ("330226", "宁海县", 29.28917, 121.42472),
        ("340200", "芜湖市", 31.35259, 118.42947),
        ("350424", "宁化县", 26.26667, 116.65024),
        ("360100", "南昌市", 28.68396, 115.85306),
        ("410621", "浚县", 35.67628, 114.54326),
        ("422828", "鹤峰县", 29.89333, 110.02611),
        ("430626", "平江县", 28.70441, 113.57828),
        ("440500", "汕头市", 23.35489, 116.67876),
        ("450500", "北海市", 21.48349, 109.11549),
        ("460200", "三亚市", 18.25435, 109.50947),
        ("500104", "大渡口区", 29.486, 106.47861),
        ("510300", "自贡市", 29.34162, 104.77689),
        ("520322", "桐梓县", 28.1368, 106.822),
        ("530425", "易门县", 24.67193, 102.1613),
        ("540326", "八宿县", 30.05752, 96.91852),
        ("610326", "眉县", 34.27771, 107.74619),
        ("620105", "安宁区", 36.1035, 103.71928),
        ("632321", "同仁市", 35.51483, 102.016),
        ("640121", "永宁县", 38.27852, 106.24776),
        ("650205", "乌尔禾区", 46.08891, 85.68885),
    ]

    @Test func knownSeatsLieWithinOneKilometre() throws {
        for seat in Self.knownSeats {
            let level = seat.code.hasSuffix("00") ? "city" : "county"
            let place = try #require(try db.gazetteerPlace(level: level, code: seat.code), "\(seat.name)")
            #expect(place.name == seat.name)
            #expect(place.pointQuality == "seat", "\(seat.name)")
            let distance = Coordinate(lat: place.lat, lon: place.lon).distance(to: Coordinate(lat: seat.lat, lon: seat.lon))
            #expect(distance < 1_000, "\(seat.name) is \(Int(distance)) m from its WGS-84 position")
        }
    }

    /// Airport reference points as published by the airports (AIP) and on Wikipedia, all WGS-84.
    @Test func airportsLieWhereTheirAIPsPutThem() throws {
        let airports: [(String, Double, Double)] = [
            ("PEK", 40.0801, 116.5846), ("PVG", 31.1434, 121.8052), ("CAN", 23.3924, 113.2988),
            ("HKG", 22.3080, 113.9185), ("LAX", 33.9416, -118.4085), ("SVX", 56.7431, 60.8027),
        ]
        for (code, lat, lon) in airports {
            let place = try #require(try db.gazetteerPlace(level: "airport", code: code), "\(code)")
            let distance = Coordinate(lat: place.lat, lon: place.lon).distance(to: Coordinate(lat: lat, lon: lon))
            #expect(distance < 1_500, "\(code) is \(Int(distance)) m off")
        }
    }

    /// Every seat with a GeoNames counterpart (GeoNamesChinaSeats, paired by unique Chinese name): GeoNames places
    /// a town's centre rather than its government, so single pairs differ by a kilometre or more, but those
    /// differences have no direction. The median east and north offsets of about a thousand pairs are a few tens of
    /// metres for WGS-84 seats; GCJ-02 seats would show the datum's ~300–600 m shift to the east.
    @Test func convertedSeatsAgreeWithGeoNamesOnAverage() throws {
        let seats = Dictionary(uniqueKeysWithValues: try db.query("""
            SELECT code, lat, lon FROM places
            WHERE country = 'CN' AND level IN ('city', 'county') AND point_quality = 'seat' AND code IS NOT NULL
            GROUP BY code HAVING count(*) = 1
            """) { ($0.string(0), Coordinate(lat: $0.double(1), lon: $0.double(2))) })
        var east: [Double] = []
        var north: [Double] = []
        for line in GeoNamesChinaSeats.rows.split(separator: "\n") {
            let cells = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, let lat = Double(cells[3]), let lon = Double(cells[4]),
                  let seat = seats[cells[0]] else { continue }
            let reference = Coordinate(lat: lat, lon: lon)
            // Pairs more than 8 km apart are different places that share a name, not datum evidence.
            guard seat.distance(to: reference) < 8_000 else { continue }
            east.append((seat.lon - lon) * .pi / 180 * Coordinate.earthRadius * cos(lat * .pi / 180))
            north.append((seat.lat - lat) * .pi / 180 * Coordinate.earthRadius)
        }
        #expect(east.count >= 800)
        let medianEast = median(east), medianNorth = median(north)
        #expect(abs(medianEast) < 150, "median east offset \(Int(medianEast)) m")
        #expect(abs(medianNorth) < 150, "median north offset \(Int(medianNorth)) m")
    }

    /// Sanity of the check itself: shifting the seats by the GCJ-02 transform must break it.
    @Test func theDatumCheckWouldCatchUnconvertedSeats() throws {
        let seats = try db.query("""
            SELECT lat, lon FROM places WHERE country = 'CN' AND level = 'county' AND point_quality = 'seat'
            """) { Coordinate(lat: $0.double(0), lon: $0.double(1)) }
        let shifts = seats.map { seat -> Double in
            let gcj = Datum.wgs84.convert(seat, to: .gcj02)
            return (gcj.lon - seat.lon) * .pi / 180 * Coordinate.earthRadius * cos(seat.lat * .pi / 180)
        }
        #expect(median(shifts) > 250)   // so a missing conversion cannot pass the 150 m bound above
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
