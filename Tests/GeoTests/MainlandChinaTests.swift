import Geo
import Testing

@Suite struct MainlandChinaTests {
    @Test(arguments: [
        ("Beijing", 39.9075, 116.3908), ("Urumqi", 43.8256, 87.6168), ("Sanya", 18.2528, 109.5119),
        ("Shenzhen Futian", 22.5218, 114.0546), ("Harbin", 45.8038, 126.5350), ("Lhasa", 29.6520, 91.1721),
        ("Zhuhai", 22.2710, 113.5767), ("Dandong", 40.1290, 124.3830), ("Xiamen", 24.4798, 118.0894),
    ])
    func mainlandCities(name: String, lat: Double, lon: Double) {
        #expect(MainlandChina.contains(Coordinate(lat: lat, lon: lon)), "\(name)")
    }

    /// Inside the rough GCJ-02 box, but drawn in WGS-84 by Amap and Baidu.
    @Test(arguments: [
        ("Hong Kong Central", 22.2819, 114.1589), ("Macau", 22.1987, 113.5439), ("Taipei", 25.0330, 121.5654),
        ("Seoul", 37.5665, 126.9780), ("Pyongyang", 39.0392, 125.7625), ("Hanoi", 21.0278, 105.8342),
        ("Ulaanbaatar", 47.8864, 106.9057), ("Kathmandu", 27.7172, 85.3240), ("Vladivostok", 43.1155, 131.8855),
        ("Osaka", 34.6937, 135.5023),
    ])
    func notMainland(name: String, lat: Double, lon: Double) {
        #expect(!MainlandChina.contains(Coordinate(lat: lat, lon: lon)), "\(name)")
    }

    @Test func unwrappedLongitudes() {
        #expect(MainlandChina.contains(Coordinate(lat: 39.9075, lon: 116.3908 + 360)))
        #expect(!MainlandChina.contains(Coordinate(lat: 34.05, lon: 241.76)))  // Los Angeles after Shanghai
    }
}
