import Foundation
import Geo
import Geocoding
import Gazetteer
import Routing
@testable import MapRendering

/// Hand-built scenes for the golden scenarios, with real city coordinates.
enum Scenarios {
    struct City {
        var name: String
        var en: String
        var lat: Double
        var lon: Double
        var coordinate: Coordinate { Coordinate(lat: lat, lon: lon) }
    }

    static let shenzhenNanshan = City(name: "深圳市南山区", en: "Nanshan, Shenzhen", lat: 22.533, lon: 113.930)
    static let shenzhenFutian = City(name: "深圳市福田区", en: "Futian, Shenzhen", lat: 22.541, lon: 114.055)
    static let shenzhenBaoan = City(name: "深圳宝安转运中心", en: "Bao'an hub, Shenzhen", lat: 22.555, lon: 113.883)
    static let guangzhou = City(name: "广州市", en: "Guangzhou", lat: 23.129, lon: 113.264)
    static let foshan = City(name: "佛山市", en: "Foshan", lat: 23.022, lon: 113.122)
    static let wuzhou = City(name: "梧州市", en: "Wuzhou", lat: 23.477, lon: 111.279)
    static let nanning = City(name: "南宁市", en: "Nanning", lat: 22.817, lon: 108.366)
    static let sanya = City(name: "三亚市", en: "Sanya", lat: 18.253, lon: 109.512)
    static let haikou = City(name: "海口市", en: "Haikou", lat: 20.044, lon: 110.199)
    static let wuhan = City(name: "武汉市", en: "Wuhan", lat: 30.593, lon: 114.305)
    static let beijing = City(name: "北京市", en: "Beijing", lat: 39.904, lon: 116.407)
    static let shenyang = City(name: "沈阳市", en: "Shenyang", lat: 41.806, lon: 123.432)
    static let harbin = City(name: "哈尔滨市", en: "Harbin", lat: 45.803, lon: 126.535)
    static let shanghai = City(name: "上海市", en: "Shanghai", lat: 31.230, lon: 121.474)
    static let pvg = City(name: "上海浦东国际机场", en: "Shanghai Pudong Airport", lat: 31.143, lon: 121.805)
    static let lax = City(name: "洛杉矶国际机场", en: "Los Angeles Intl Airport", lat: 33.942, lon: -118.409)
    static let losAngeles = City(name: "洛杉矶", en: "Los Angeles", lat: 34.052, lon: -118.244)
    static let chengdu = City(name: "成都市", en: "Chengdu", lat: 30.659, lon: 104.066)
    static let urumqi = City(name: "乌鲁木齐市", en: "Urumqi", lat: 43.825, lon: 87.617)
    static let khorgos = City(name: "霍尔果斯市", en: "Khorgos", lat: 44.214, lon: 80.418)
    static let almaty = City(name: "阿拉木图", en: "Almaty", lat: 43.238, lon: 76.946)
    static let moscow = City(name: "莫斯科", en: "Moscow", lat: 55.756, lon: 37.617)
    static let malaszewicze = City(name: "马拉舍维奇", en: "Małaszewicze", lat: 52.035, lon: 23.533)
    static let duisburg = City(name: "杜伊斯堡", en: "Duisburg", lat: 51.435, lon: 6.763)
    static let hangzhou = City(name: "杭州市", en: "Hangzhou", lat: 30.274, lon: 120.155)
    static let nanjing = City(name: "南京市", en: "Nanjing", lat: 32.060, lon: 118.797)
    static let changsha = City(name: "长沙市", en: "Changsha", lat: 28.228, lon: 112.939)

    static func place(_ c: City) -> LocatedPlace {
        let country = c.lon > 73 && c.lon < 135 && c.lat > 18 && c.lat < 54 && !["Almaty", "Khorgos"].contains(c.en)
            ? "CN" : (c.lon < -60 ? "US" : c.lon < 30 ? "PL" : c.lon < 60 ? "RU" : "KZ")
        return LocatedPlace(name: c.name, englishName: c.en, level: country == "CN" ? .city : .foreignCity, code: nil,
                            country: c.en == "Khorgos" ? "CN" : country, coordinate: c.coordinate, confidence: 0.9,
                            source: .text)
    }

    /// A geocoded trace along `cities`: arrival events at `cities[0...currentIndex]`, then, when `leftFor` is
    /// set, a departure towards the next city; the last city is the explicit destination when `destinationKnown`.
    static func trace(_ cities: [City], currentIndex: Int, leftFor: Bool = false, state: ShipmentState,
                      destinationKnown: Bool = true, returning: Bool = false) -> GeocodedTrace
    {
        var events: [GeocodedEvent] = []
        let start = TestSupport.date("2024-05-01T08:00:00+08:00")
        for i in 0...currentIndex {
            let text = i == 0 ? "【\(cities[i].name)】已揽收" : "快件到达【\(cities[i].name)】"
            events.append(GeocodedEvent(index: events.count, time: start.addingTimeInterval(Double(events.count) * 9000),
                                        text: text, place: place(cities[i]), next: nil,
                                        state: i == 0 ? .collected : .inTransit))
        }
        if leftFor, currentIndex + 1 < cities.count {
            let next = cities[currentIndex + 1]
            events.append(GeocodedEvent(index: events.count, time: start.addingTimeInterval(Double(events.count) * 9000),
                                        text: (returning ? "退回 " : "") + "快件离开【\(cities[currentIndex].name)】，发往【\(next.name)】",
                                        place: place(cities[currentIndex]), next: place(next),
                                        state: returning ? .returning : .inTransit))
        }
        if state == .delivered {
            events.append(GeocodedEvent(index: events.count, time: start.addingTimeInterval(Double(events.count) * 9000),
                                        text: "已签收", place: place(cities[currentIndex]), next: nil, state: .delivered))
        }
        return GeocodedTrace(carrier: "SF", number: "SF1234567890", events: events, origin: place(cities[0]),
                             destination: destinationKnown ? place(cities[cities.count - 1]) : nil, state: state)
    }

    /// The scene of `trace(...)` built by the router.
    static func scene(_ cities: [City], currentIndex: Int, leftFor: Bool = false, state: ShipmentState,
                      destinationKnown: Bool = true, returning: Bool = false) -> MapScene
    {
        let t = trace(cities, currentIndex: currentIndex, leftFor: leftFor, state: state,
                      destinationKnown: destinationKnown, returning: returning)
        return MapScene(route: RouteBuilder.build(trace: t), trace: t)
    }

    /// The golden scenarios of the issue, by name.
    static let all: [(String, MapScene)] = [
        ("same-city", scene([shenzhenNanshan, shenzhenBaoan, shenzhenFutian], currentIndex: 1, state: .outForDelivery)),
        ("neighbouring-provinces", scene([guangzhou, foshan, wuzhou, nanning], currentIndex: 2, leftFor: true,
                                         state: .inTransit)),
        ("north-south", scene([sanya, haikou, guangzhou, changsha, wuhan, beijing, shenyang, harbin], currentIndex: 4,
                              state: .inTransit)),
        ("pacific", scene([shanghai, pvg, lax, losAngeles], currentIndex: 1, leftFor: true, state: .customs)),
        ("europe-rail", scene([chengdu, urumqi, khorgos, almaty, moscow, malaszewicze, duisburg], currentIndex: 3,
                              leftFor: true, state: .inTransit)),
        ("delivered", scene([hangzhou, changsha, nanjing], currentIndex: 2, state: .delivered)),
        ("returned", scene([beijing, wuhan, beijing], currentIndex: 1, leftFor: true, state: .returning, destinationKnown: false,
                           returning: true)),
        ("no-places", MapScene(stops: [], travelled: [], remaining: [], current: nil, currentName: nil,
                               state: .problem, lastEventTime: TestSupport.date("2024-05-02T09:05:00+08:00"),
                               progress: nil, remainingKm: nil)),
    ]
}
