import Foundation
import Geo
import Geocoding
import Testing
@testable import Routing

/// Properties that hold over whole families of traces: growing prefixes, and many pseudo-random traces.
@Suite struct RoutePropertyTests {
    /// The Shenzhen → Beijing trip, event by event, ending delivered.
    static var shenzhenBeijing: TraceMaker {
        var t = TraceMaker()
        t.add("【深圳市】顺丰速运 已收取快件", at: Places.shenzhen, state: .collected)
        t.add("完成分拣，准备发往【深圳华南陆运枢纽】", at: Places.nanshanStation, next: Places.shenzhenHub)
        t.add("快件到达【深圳华南陆运枢纽】", at: Places.shenzhenHub)
        t.add("快件离开【深圳华南陆运枢纽】，发往【武汉市】", at: Places.shenzhenHub, next: Places.wuhan)
        t.add("快件到达【武汉市】", at: Places.wuhan, hoursLater: 12)
        t.add("包裹正在运输途中", at: nil)
        t.add("快件离开【武汉市】，发往【北京顺义集散中心】", at: Places.wuhan, next: Places.beijingShunyiHub)
        t.add("快件到达【北京顺义集散中心】", at: Places.beijingShunyiHub, hoursLater: 14)
        t.add("准备发往【北京朝阳望京营业点】", at: Places.beijingShunyiHub, next: Places.beijingWangjingStation)
        t.add("【北京朝阳望京营业点】派件中", at: Places.beijingWangjingStation, state: .outForDelivery)
        t.add("已签收", at: Places.beijingWangjingStation, state: .delivered)
        return t
    }

    static var shanghaiLosAngeles: TraceMaker {
        var t = TraceMaker()
        t.add("已揽收", at: Places.shanghai, state: .collected)
        t.add("到达 浦东机场", at: Places.pudongAirport)
        t.add("发往 LAX", at: Places.pudongAirport, next: Places.lax)
        t.add("Arrived LAX", at: Places.lax, state: .customs, hoursLater: 12)
        t.add("Out for delivery", at: Places.irvine, state: .outForDelivery)
        t.add("Delivered", at: Places.irvine, state: .delivered)
        return t
    }

    static var yiwuDuisburg: TraceMaker {
        var t = TraceMaker()
        t.add("【义乌市】已揽收", at: Places.yiwu, state: .collected)
        t.add("发往【西安国际港站】", at: Places.yiwu, next: Places.xian)
        t.add("到达【西安国际港站】", at: Places.xian, hoursLater: 30)
        t.add("发往【霍尔果斯口岸】", at: Places.xian, next: Places.khorgos)
        t.add("到达【霍尔果斯口岸】", at: Places.khorgos, state: .customs, hoursLater: 60)
        t.add("Departed to Almaty", at: Places.khorgos, next: Places.almaty)
        t.add("Arrived Almaty", at: Places.almaty, hoursLater: 20)
        t.add("Arrived Małaszewicze terminal", at: Places.malaszewicze, state: .customs, hoursLater: 200)
        t.add("Delivered, Duisburg", at: Places.duisburg, state: .delivered, hoursLater: 30)
        return t
    }

    @Test(arguments: [("shenzhen-beijing", shenzhenBeijing, Places.chaoyang),
                      ("shanghai-los-angeles", shanghaiLosAngeles, Places.irvine),
                      ("yiwu-duisburg", yiwuDuisburg, Places.duisburg)])
    func progressNeverFallsAsTheTraceGrows(_ name: String, _ maker: TraceMaker, _ destination: LocatedPlace) throws {
        // A parcel that leaves A for B is drawn at A until it is scanned at B, so a B off the straight way (a hub
        // before the destination) lengthens the whole way before any of it is travelled: progress may then dip,
        // by no more than such a detour, while the distance travelled never falls.
        var previous = -1.0, previousKm = -1.0
        for count in 1...maker.events.count {
            let route = RouteBuilder.build(trace: maker.prefix(count, destination: destination))
            let progress = try #require(route.progress, "\(name): prefix \(count) has a destination")
            #expect(progress >= previous - 0.02, "\(name): progress fell at prefix \(count)")
            #expect(route.travelledKm >= previousKm - 1e-9, "\(name): travelled km fell at prefix \(count)")
            #expect((0...1).contains(progress))
            previous = progress
            previousKm = route.travelledKm
        }
        #expect(previous == 1)
    }

    /// Pseudo-random traces over a pool of places (a fixed-seed generator, so the test is deterministic): the
    /// builder never traps and the contract's invariants hold.
    @Test func invariantsHoldOverManyRandomTraces() throws {
        let pool: [LocatedPlace?] = [
            Places.shenzhen, Places.nanshanStation, Places.shenzhenHub, Places.guangzhou, Places.dongguan,
            Places.hongKong, Places.wuhan, Places.beijingShunyiHub, Places.shanghai, Places.pudongAirport,
            Places.losAngeles, Places.lax, Places.almaty, Places.duisburg, Places.dali, Places.kunmingHub,
            Places.place("Auckland", .foreignCity, "2193733", -36.8485, 174.7633, country: "NZ"),
            Places.place("Suva", .foreignCity, "2198148", -18.1416, 178.4419, country: "FJ"),
            Places.place("Apia", .foreignCity, "4035413", -13.8333, -171.7667, country: "WS"),
            Places.place("雾", .city, nil, 30, 110, confidence: 0.1), nil,
        ]
        let states: [ShipmentState?] = [nil, nil, nil, .collected, .returning, .delivered, .problem, .customs]
        var rng = SplitMix64(seed: 20_261_129)
        for _ in 0..<400 {
            var t = TraceMaker()
            for _ in 0..<Int(rng.next() % 9) {
                let text = rng.next() % 7 == 0 ? "退回" : "到达"
                t.add(text, at: pool[Int(rng.next() % UInt64(pool.count))],
                      next: rng.next() % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : nil,
                      state: states[Int(rng.next() % UInt64(states.count))], hoursLater: Double(rng.next() % 30))
            }
            let trace = t.trace(origin: rng.next() % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : nil,
                                destination: rng.next() % 2 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : nil,
                                state: states[Int(rng.next() % UInt64(states.count))] ?? .inTransit)
            let route = RouteBuilder.build(trace: trace, asOf: rng.next() % 2 == 0 ? t.time : nil)
            try checkInvariants(route)
        }
    }

    func checkInvariants(_ route: Route) throws {
        #expect(route.legs.count == (route.isUnknown ? 0 : max(0, route.stops.count - 1)))
        #expect(route.legs.filter { $0.kind == .current }.count <= 1)
        if let p = route.progress { #expect((0...1).contains(p)) }
        if let total = route.totalKm, let remaining = route.remainingKm {
            #expect(abs(route.travelledKm + remaining - total) < 1e-6)
        }
        guard let box = route.boundingBox else {
            #expect(route.stops.isEmpty)
            return
        }
        #expect(box.minLon >= -180 && box.minLon < 180)
        var lastLon: Double?
        for (i, leg) in route.legs.enumerated() {
            #expect(leg.from == i && leg.to == i + 1)
            #expect(leg.path.first == route.stops[i].position && leg.path.last == route.stops[i + 1].position)
            for p in leg.path {
                #expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon)
                if let l = lastLon { #expect(abs(p.lon - l) <= 180) }
                lastLon = p.lon
            }
            // Kinds run travelled…, current?, remaining…
            if i > 0 { #expect(order(route.legs[i - 1].kind) <= order(leg.kind)) }
        }
        for stop in route.stops {
            #expect(box.contains(stop.position) && stop.place.confidence >= RouteSettings.default.minConfidence)
            #expect(WebMercator.normalizedLongitude(stop.position.lon) ==
                    WebMercator.normalizedLongitude(stop.place.coordinate.lon) ||
                    abs(WebMercator.normalizedLongitude(stop.position.lon - stop.place.coordinate.lon)) < 1e-9)
        }
        if let current = route.current {
            #expect(current.lat >= box.minLat - 1e-9 && current.lat <= box.maxLat + 1e-9)
            #expect(current.lon >= box.minLon - 1e-9 && current.lon <= box.maxLon + 1e-9)
        } else {
            #expect(route.isUnknown)
        }
        if !route.isUnknown { #expect(route.stops.first?.role == .origin) }
    }

    func order(_ kind: RouteLeg.Kind) -> Int {
        switch kind {
        case .travelled: return 0
        case .current: return 1
        case .remaining: return 2
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny fixed-seed generator, so "random" tests repeat exactly.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
