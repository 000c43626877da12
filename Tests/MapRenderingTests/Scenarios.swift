import Foundation
import Geo
import Geocoding
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

    /// A scene along `cities`, the parcel at `currentIndex` (or part-way to the next one with `fraction`).
    static func scene(_ cities: [City], currentIndex: Int?, fraction: Double = 0, state: ShipmentState,
                      destinationKnown: Bool = true, time: String = "2024-05-02T14:30:00+08:00") -> MapScene
    {
        var stops: [MapScene.Stop] = []
        for (i, c) in cities.enumerated() {
            let kind: MapScene.StopKind = i == 0 ? .origin
                : (i == cities.count - 1 && destinationKnown ? .destination : .hub)
            stops.append(MapScene.Stop(coordinate: c.coordinate, name: c.name, englishName: c.en, kind: kind))
        }
        var legs: [[Coordinate]] = []
        for i in 0..<max(cities.count - 1, 0) {
            let crossing = i > 0 && cities[i].lon * cities[i + 1].lon < 0
            legs.append(GreatCircle.legPath(from: cities[i].coordinate, to: cities[i + 1].coordinate,
                                            crossesBorderOrSea: crossing))
        }
        let path = GreatCircle.unwrapped(legs.enumerated().flatMap { $0.offset == 0 ? $0.element : Array($0.element.dropFirst()) })
        let total = GreatCircle.lengthKm(of: path)
        var travelledKm = 0.0
        var current: Coordinate?
        if let idx = currentIndex {
            for leg in legs.prefix(idx) { travelledKm += GreatCircle.lengthKm(of: leg) }
            if idx < legs.count { travelledKm += GreatCircle.lengthKm(of: legs[idx]) * fraction }
            current = GreatCircle.point(along: path, atKm: travelledKm)
        }
        var travelled: [Coordinate] = []
        var remaining: [Coordinate] = []
        var acc = 0.0
        if let current {
            travelled = [path[0]]
            var i = 1
            while i < path.count {
                let seg = path[i - 1].kilometres(to: path[i])
                if acc + seg > travelledKm + 1e-9 { break }
                acc += seg
                travelled.append(path[i])
                i += 1
            }
            travelled.append(current)
            remaining = [current] + path[i...]
            if !destinationKnown { remaining = [] }
        }
        let name = currentIndex.map { cities[$0].name }
        let en = currentIndex.map { cities[$0].en }
        return MapScene(stops: stops, travelled: travelled, remaining: remaining, current: current,
                        currentName: name, currentEnglishName: en, state: state,
                        lastEventTime: TestSupport.date(time), lastEventUTCOffset: 8 * 3600,
                        progress: total > 0 ? travelledKm / total : nil,
                        remainingKm: destinationKnown ? max(total - travelledKm, 0) : nil,
                        carrier: "SF", number: "SF1234567890")
    }

    /// The golden scenarios of the issue, by name.
    static let all: [(String, MapScene)] = [
        ("same-city", scene([shenzhenNanshan, shenzhenBaoan, shenzhenFutian], currentIndex: 1, state: .outForDelivery)),
        ("neighbouring-provinces", scene([guangzhou, foshan, wuzhou, nanning], currentIndex: 2, fraction: 0.3,
                                         state: .inTransit)),
        ("north-south", scene([sanya, haikou, guangzhou, changsha, wuhan, beijing, shenyang, harbin], currentIndex: 4,
                              state: .inTransit)),
        ("pacific", scene([shanghai, pvg, lax, losAngeles], currentIndex: 1, fraction: 0.4, state: .customs)),
        ("europe-rail", scene([chengdu, urumqi, khorgos, almaty, moscow, malaszewicze, duisburg], currentIndex: 3,
                              fraction: 0.5, state: .inTransit)),
        ("delivered", scene([hangzhou, nanjing], currentIndex: 1, state: .delivered)),
        ("returned", scene([beijing, wuhan, beijing], currentIndex: 1, fraction: 0.35, state: .returning)),
        ("no-places", MapScene(stops: [], travelled: [], remaining: [], current: nil, currentName: nil,
                               state: .problem, lastEventTime: TestSupport.date("2024-05-02T09:05:00+08:00"),
                               progress: nil, remainingKm: nil)),
    ]
}
