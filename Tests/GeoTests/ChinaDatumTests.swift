import Testing
@testable import Geo

@Suite struct ChinaDatumTests {
    /// Tiananmen gate: WGS-84 39.9075N 116.3908E shows at about 39.9089N 116.3970E on Amap (GCJ-02).
    @Test func tiananmenMatchesThePublishedOffset() {
        let wgs = Coordinate(lat: 39.9075, lon: 116.3908)
        let gcj = ChinaDatum.wgs84ToGCJ02(wgs)
        #expect(gcj.distance(to: Coordinate(lat: 39.9089, lon: 116.3970)) < 100)
        #expect(wgs.distance(to: gcj) > 400)  // the obfuscation is several hundred metres
    }

    @Test(arguments: [
        Coordinate(lat: 39.9075, lon: 116.3908), Coordinate(lat: 22.5431, lon: 114.0579),
        Coordinate(lat: 43.8256, lon: 87.6168), Coordinate(lat: 18.2528, lon: 109.5119),
        Coordinate(lat: 53.4, lon: 122.3), Coordinate(lat: 29.65, lon: 91.1),
    ])
    func gcjRoundTripHoldsWithinOneMetre(_ wgs: Coordinate) {
        let back = ChinaDatum.gcj02ToWGS84(ChinaDatum.wgs84ToGCJ02(wgs))
        #expect(back.distance(to: wgs) < 1.0)
        let viaBaidu = ChinaDatum.bd09ToWGS84(ChinaDatum.wgs84ToBD09(wgs))
        #expect(viaBaidu.distance(to: wgs) < 1.0)
    }

    @Test func outsideChinaIsUnchanged() {
        let la = Coordinate(lat: 34.0522, lon: -118.2437)
        #expect(ChinaDatum.wgs84ToGCJ02(la) == la)
        #expect(ChinaDatum.gcj02ToWGS84(la) == la)
    }

    @Test func datumEnumConvertsBothWays() {
        let wgs = Coordinate(lat: 31.2304, lon: 121.4737)
        let bd = Datum.wgs84.convert(wgs, to: .bd09)
        #expect(Datum.bd09.convert(bd, to: .wgs84).distance(to: wgs) < 1)
        #expect(Datum.gcj02.convert(Datum.wgs84.convert(wgs, to: .gcj02), to: .wgs84).distance(to: wgs) < 1)
    }

    @Test func haversineKnownDistance() {
        // Beijing to Shanghai is about 1,067 km by great circle.
        let beijing = Coordinate(lat: 39.9042, lon: 116.4074), shanghai = Coordinate(lat: 31.2304, lon: 121.4737)
        #expect(abs(beijing.kilometres(to: shanghai) - 1067) < 10)
    }
}
