import Foundation
import Gazetteer
import Geo
import Geocoding

/// Hand-made located places with real coordinates (WGS-84, city centres or the sites named) and adcodes.
///
/// Logistics sites carry the adcode of the district the geocoder files them under, as it does.
enum Places {
    static func place(_ name: String, _ level: PlaceLevel, _ code: String?, _ lat: Double, _ lon: Double,
                      country: String = "CN", confidence: Double = 0.9) -> LocatedPlace
    {
        LocatedPlace(name: name, level: level, code: code, country: country,
                     coordinate: Coordinate(lat: lat, lon: lon), confidence: confidence, source: .text)
    }

    // Shenzhen and the Pearl River Delta.
    static let guangdong = place("广东省", .province, "440000", 23.1317, 113.2663)
    static let shenzhen = place("深圳市", .city, "440300", 22.5431, 114.0579)
    static let nanshan = place("南山区", .county, "440305", 22.5329, 113.9305)
    static let futian = place("福田区", .county, "440304", 22.5218, 114.0546)
    static let nanshanStation = place("深圳南山科技园营业点", .hub, "440305", 22.5405, 113.9530)
    static let shenzhenHub = place("深圳华南陆运枢纽", .hub, "440309", 22.6716, 114.0366)
    static let futianStation = place("深圳福田车公庙营业点", .hub, "440304", 22.5370, 114.0250)
    static let guangzhou = place("广州市", .city, "440100", 23.1291, 113.2644)
    static let dongguan = place("东莞市", .city, "441900", 23.0207, 113.7518)
    static let hongKong = place("香港", .city, "HK", 22.3193, 114.1694, country: "HK")

    // Central and north China.
    static let changsha = place("长沙市", .city, "430100", 28.2282, 112.9388)
    static let wuhan = place("武汉市", .city, "420100", 30.5928, 114.3055)
    static let beijingShunyiHub = place("北京顺义集散中心", .hub, "110113", 40.1289, 116.6544)
    static let beijingWangjingStation = place("北京朝阳望京营业点", .hub, "110105", 39.9965, 116.4707)
    static let chaoyang = place("朝阳区", .county, "110105", 39.9215, 116.4431)

    // East China and the Pacific.
    static let shanghai = place("上海市", .city, "310100", 31.2304, 121.4737)
    static let pudongAirport = place("上海浦东国际机场", .airport, "PVG", 31.1443, 121.8083)
    static let losAngeles = place("Los Angeles", .foreignCity, "5368361", 34.0522, -118.2437, country: "US")
    static let lax = place("Los Angeles International Airport", .airport, "LAX", 33.9416, -118.4085, country: "US")
    static let irvine = place("Irvine", .foreignCity, "5359777", 33.6846, -117.8265, country: "US")

    // China–Europe rail through Kazakhstan.
    static let yiwu = place("义乌市", .county, "330782", 29.3069, 120.0751)
    static let xian = place("西安市", .city, "610100", 34.3416, 108.9398)
    static let khorgos = place("霍尔果斯市", .county, "654004", 44.2114, 80.4183)
    static let almaty = place("Almaty", .foreignCity, "1526384", 43.2220, 76.8512, country: "KZ")
    static let malaszewicze = place("Małaszewicze", .town, nil, 52.0297, 23.5368, country: "PL")
    static let duisburg = place("Duisburg", .foreignCity, "2934691", 51.4344, 6.7623, country: "DE")

    // South-west China.
    static let kunmingHub = place("昆明转运中心", .hub, "530111", 24.9880, 102.7960)
    static let dali = place("大理市", .county, "532901", 25.6065, 100.2676)
    static let xiaguanStation = place("下关营业部", .hub, "532901", 25.5930, 100.2300)
}

/// Builds traces event by event, an hour apart unless told otherwise.
struct TraceMaker {
    var events: [GeocodedEvent] = []
    var time = Date(timeIntervalSince1970: 1_795_000_000)

    mutating func add(_ text: String, at place: LocatedPlace?, next: LocatedPlace? = nil,
                      state: ShipmentState? = nil, hoursLater: Double = 1)
    {
        time = time.addingTimeInterval(hoursLater * 3600)
        events.append(GeocodedEvent(index: events.count, time: time, text: text, place: place, next: next,
                                    state: state))
    }

    func trace(origin: LocatedPlace? = nil, destination: LocatedPlace? = nil,
               state: ShipmentState = .inTransit) -> GeocodedTrace
    {
        GeocodedTrace(carrier: "TEST", number: "T1", events: events, origin: origin, destination: destination,
                      state: state)
    }

    /// The trace cut after `count` events, with the state the last of them suggests.
    func prefix(_ count: Int, origin: LocatedPlace? = nil, destination: LocatedPlace? = nil) -> GeocodedTrace {
        let cut = Array(events.prefix(count))
        return GeocodedTrace(carrier: "TEST", number: "T1", events: cut, origin: origin, destination: destination,
                             state: cut.last?.state ?? .inTransit)
    }
}
