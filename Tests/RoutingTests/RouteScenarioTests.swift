import Foundation
import Geo
import Geocoding
import Testing
@testable import Routing

/// The scenarios of issue 4, each built by hand from realistic places.
@Suite struct RouteScenarioTests {
    @Test func sameCityParcelOutForDeliveryAtItsDestination() throws {
        var t = TraceMaker()
        t.add("【深圳市】顺丰速运 已收取快件", at: Places.nanshanStation, state: .collected)
        t.add("快件到达【深圳华南陆运枢纽】", at: Places.shenzhenHub)
        t.add("快件到达【深圳福田车公庙营业点】，正在派送", at: Places.futianStation, state: .outForDelivery)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.futian, state: .outForDelivery))

        #expect(route.stops.map(\.role) == [.origin, .transit, .destination])
        #expect(route.stops.allSatisfy { $0.isVisited })
        #expect(route.stops[2].place == Places.futianStation)  // the site itself, finer than the district
        #expect(route.stops[2].namedPlaces == [Places.futianStation, Places.futian])
        #expect(route.legs.map(\.kind) == [.travelled, .travelled])
        #expect(route.legs.allSatisfy { $0.path.count == 2 })  // short legs are straight
        #expect(route.currentStopIndex == 2 && route.current == route.stops[2].position)
        let total = try #require(route.totalKm)
        #expect(total > 20 && total < 60)
        #expect(route.progress == 1 && route.remainingKm == 0)
        #expect(!route.isUnknown && !route.isDelivered && !route.isReturning)
    }

    @Test func neighbouringProvincesInTransitWithAReferenceTime() throws {
        var t = TraceMaker()
        t.add("【长沙市】已揽收", at: Places.changsha, state: .collected)
        t.add("快件离开【长沙市】，发往【广州市】", at: Places.changsha, next: Places.guangzhou)
        let trace = t.trace(destination: Places.guangzhou)
        let legKm = Places.changsha.coordinate.kilometres(to: Places.guangzhou.coordinate)  // ≈ 560 km

        // Three hours on the road at 60 km/h: 180 km of about 560.
        let route = RouteBuilder.build(trace: trace, asOf: t.time.addingTimeInterval(3 * 3600))
        #expect(route.stops.map(\.role) == [.origin, .destination])  // the next stop is the destination
        #expect(route.legs.count == 1 && route.legs[0].kind == .current && route.legs[0].path.count == 2)
        #expect(route.currentLegIndex == 0 && route.currentStopIndex == nil)
        #expect(abs(route.legs[0].travelledFraction - 180 / legKm) < 1e-9)
        let current = try #require(route.current)
        #expect(abs(Places.changsha.coordinate.kilometres(to: current) - 180) < 3)
        #expect(abs(try #require(route.progress) - 180 / legKm) < 1e-9)
        #expect(abs(try #require(route.remainingKm) - (legKm - 180)) < 1e-6)

        // A day later it is not past the cap; without a reference time it is where it was last scanned, at A
        // heading for B (issue 15 §4: no position invented in the middle of a leg).
        let late = RouteBuilder.build(trace: trace, asOf: t.time.addingTimeInterval(24 * 3600))
        #expect(late.legs[0].travelledFraction == RouteSettings.default.inTransitFractionBounds.upperBound)
        #expect(RouteBuilder.build(trace: trace).legs[0].travelledFraction == 0)
        // A reference time before the departure, or one that is no time at all, stays within the bounds.
        let early = RouteBuilder.build(trace: trace, asOf: t.time.addingTimeInterval(-3600))
        #expect(early.legs[0].travelledFraction == RouteSettings.default.inTransitFractionBounds.lowerBound)
        let nan = RouteBuilder.build(trace: trace, asOf: Date(timeIntervalSinceReferenceDate: .nan))
        #expect(RouteSettings.default.inTransitFractionBounds.contains(nan.legs[0].travelledFraction))
    }

    /// The Kdniao SF sample's shape: the latest event says the parcel left the Shenzhen hub for Beijing.
    @Test func shenzhenToBeijingLeftAForB() throws {
        var t = TraceMaker()
        t.add("【深圳市】顺丰速运 已收取快件", at: Places.shenzhen, state: .collected)
        t.add("快件在【深圳南山科技园营业点】完成分拣，准备发往【深圳华南陆运枢纽】", at: Places.nanshanStation,
              next: Places.shenzhenHub)
        t.add("快件到达【深圳华南陆运枢纽】", at: Places.shenzhenHub)
        t.add("快件离开【深圳华南陆运枢纽】，已在发往【北京顺义集散中心】的路上", at: Places.shenzhenHub,
              next: Places.beijingShunyiHub)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.chaoyang))

        #expect(route.stops.map(\.place) == [Places.nanshanStation, Places.shenzhenHub, Places.beijingShunyiHub,
                                             Places.chaoyang])
        #expect(route.stops.map(\.role) == [.origin, .transit, .upcoming, .destination])
        #expect(route.stops.map(\.isVisited) == [true, true, false, false])
        #expect(route.stops[0].firstEventIndex == 0 && route.stops[0].lastEventIndex == 1)
        #expect(route.legs.map(\.kind) == [.travelled, .current, .remaining])
        #expect(route.currentLegIndex == 1)
        #expect(route.currentPlace == Places.shenzhenHub)

        // The parcel left Shenzhen for Beijing: without a reference time it is drawn where it was last scanned,
        // at the Shenzhen hub, heading along the (great-circle) leg to Beijing, as the card says.
        let current = try #require(route.current)
        let a = Places.shenzhenHub.coordinate, b = Places.beijingShunyiHub.coordinate
        let ab = a.kilometres(to: b)
        #expect(ab > 1_000 && route.legs[1].path.count > 2)  // a long leg: an arc
        #expect(a.kilometres(to: current) < 0.01)
        let travelled = route.legs[1].travelledPath, remaining = route.legs[1].remainingPath
        #expect(travelled.first == route.stops[1].position && travelled.last == current)
        #expect(remaining.first == current && remaining.last == route.stops[2].position)

        let expected = route.legs[0].lengthKm / (route.legs[0].lengthKm + ab + route.legs[2].lengthKm)
        #expect(abs(try #require(route.progress) - expected) < 1e-9)
        #expect(abs(route.travelledKm + (route.remainingKm ?? 0) - (route.totalKm ?? 0)) < 1e-9)
    }

    @Test func shanghaiToLosAngelesCrossesThePacificContinuously() throws {
        var t = TraceMaker()
        t.add("【上海市】已揽收", at: Places.shanghai, state: .collected)
        t.add("已到达【上海浦东国际机场】", at: Places.pudongAirport)
        t.add("航班已起飞，发往【洛杉矶】", at: Places.pudongAirport, next: Places.lax)
        t.add("Arrived at LAX", at: Places.lax, hoursLater: 12)
        t.add("Customs clearance completed, Los Angeles", at: Places.losAngeles, state: .customs)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.irvine, state: .customs))

        #expect(route.stops.map(\.place) == [Places.shanghai, Places.pudongAirport, Places.lax, Places.irvine])
        #expect(route.stops.map(\.role) == [.origin, .transit, .current, .destination])
        #expect(route.stops[2].firstEventIndex == 3 && route.stops[2].lastEventIndex == 4)  // LAX and LA merged
        let pacific = route.legs[1]
        #expect(pacific.crossesBorder && pacific.kind == .travelled && pacific.path.count > 100)

        // One continuous unwrapping: every longitude from Shanghai eastwards, past 180, to Irvine at 242.17.
        let lons = route.legs.flatMap(\.path).map(\.lon)
        #expect(lons.allSatisfy { $0 >= 121.47 && $0 <= 242.18 })
        for leg in route.legs {
            for i in 1..<leg.path.count { #expect(abs(leg.path[i].lon - leg.path[i - 1].lon) < 5) }
            #expect(leg.path.first == route.stops[leg.from].position && leg.path.last == route.stops[leg.to].position)
        }
        #expect(abs(route.stops[2].position.lon - (360 - 118.4085)) < 1e-9)
        #expect(route.stops[2].place.coordinate.lon == -118.4085)  // the place itself keeps its real longitude
        let maxLat = try #require(pacific.path.map(\.lat).max())
        #expect(maxLat > 50 && maxLat < 54)  // over the Aleutians

        let box = try #require(route.boundingBox)
        #expect(abs(box.minLon - 121.4737) < 1e-9 && abs(box.maxLon - (360 - 117.8265)) < 1e-9)
        #expect(box.crossesAntimeridian && box.longitudeSpan < 125)
    }

    @Test func westwardAcrossThePacificIsShiftedIntoRange() throws {
        var t = TraceMaker()
        t.add("Picked up", at: Places.losAngeles, state: .collected)
        t.add("Departed LAX to Shanghai", at: Places.lax, next: Places.pudongAirport)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.shanghai))
        let box = try #require(route.boundingBox)
        // Westwards LA → Shanghai runs to 121.47 − 360; the route is shifted a turn so its west end is 121.47.
        // (The LAX event is the same stop as Los Angeles, and the finer place: the stop is at LAX. Pudong airport,
        // 33 km from the city centre, is a stop of its own before the Shanghai destination.)
        #expect(route.stops.map(\.place) == [Places.lax, Places.pudongAirport, Places.shanghai])
        #expect(box.minLon >= -180 && box.minLon < 180)
        #expect(abs(box.minLon - 121.4737) < 1e-9 && abs(box.maxLon - (360 - 118.4085)) < 1e-9)
        #expect(abs(route.stops[0].position.lon - (360 - 118.4085)) < 1e-9)
        let current = try #require(route.current)
        #expect(current.lon > 121 && current.lon < 242)
    }

    @Test func europeByRailThroughKazakhstanDelivered() throws {
        var t = TraceMaker()
        t.add("【义乌市】已揽收", at: Places.yiwu, state: .collected)
        t.add("中欧班列 到达【西安国际港站】", at: Places.xian, hoursLater: 30)
        t.add("到达【霍尔果斯口岸】，出境清关", at: Places.khorgos, state: .customs, hoursLater: 60)
        t.add("Arrived Almaty", at: Places.almaty, hoursLater: 20)
        t.add("Arrived Małaszewicze terminal, EU customs", at: Places.malaszewicze, state: .customs, hoursLater: 200)
        t.add("Delivered, Duisburg", at: Places.duisburg, state: .delivered, hoursLater: 30)
        let route = RouteBuilder.build(trace: t.trace(state: .delivered))

        #expect(route.stops.map(\.role) == [.origin, .transit, .transit, .transit, .transit, .destination])
        #expect(route.isDelivered && route.progress == 1 && route.remainingKm == 0)
        #expect(route.legs.allSatisfy { $0.kind == .travelled })
        #expect(route.legs.map(\.crossesBorder) == [false, false, true, true, true])
        #expect(route.legs.allSatisfy { $0.path.count > 2 })  // long, or across a border
        #expect(route.legs.flatMap(\.path).allSatisfy { $0.lon > 6.7 && $0.lon < 120.1 })
        let box = try #require(route.boundingBox)
        #expect(!box.crossesAntimeridian && abs(box.minLon - 6.7623) < 1e-9 && abs(box.maxLon - 120.0751) < 1e-9)
        let total = try #require(route.totalKm)
        #expect(total > 9_000 && total < 12_000 && abs(route.travelledKm - total) < 1e-9)
    }

    @Test func deliveredWithoutAnExplicitDestinationEndsAtTheDeliveryPlace() {
        var t = TraceMaker()
        t.add("【武汉市】已揽收", at: Places.wuhan, state: .collected)
        t.add("到达【长沙市】", at: Places.changsha)
        t.add("已签收", at: nil, state: .delivered)
        let route = RouteBuilder.build(trace: t.trace(state: .delivered))
        #expect(route.stops.map(\.role) == [.origin, .destination])
        #expect(route.progress == 1 && route.isDelivered && route.currentStopIndex == 1)
        #expect(route.legs.map(\.kind) == [.travelled])
    }

    /// The odd-cases sample's return: refused in Dali, going back via Kunming to the Guangzhou sender.
    @Test func returnedToSenderKeepsTheWayBack() throws {
        var t = TraceMaker()
        t.add("[guangzhou] shipment picked up", at: Places.guangzhou, state: .collected)
        t.add("快件已到达 昆明转运中心", at: Places.kunmingHub, hoursLater: 6)
        t.add("【大理州】快件已到达 下关营业部，正在派送", at: Places.xiaguanStation, state: .outForDelivery)
        t.add("收件人拒收，快件退回中，下一站【昆明转运中心】", at: Places.xiaguanStation, next: Places.kunmingHub,
              state: .returning)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.dali, state: .returning))

        #expect(route.isReturning)
        #expect(route.stops.map(\.place) == [Places.guangzhou, Places.kunmingHub, Places.xiaguanStation,
                                             Places.kunmingHub, Places.guangzhou])
        #expect(route.stops.map(\.role) == [.origin, .transit, .destination, .upcoming, .returnTarget])
        #expect(route.stops.map(\.isReturnLeg) == [false, false, false, true, true])
        #expect(route.legs.map(\.kind) == [.travelled, .travelled, .current, .remaining])
        #expect(route.legs.map(\.isReturnLeg) == [false, false, true, true])
        #expect(route.destination?.place == Places.guangzhou)
        // About half of a round trip: out, and just setting off back (at the station, heading for Kunming).
        #expect(try #require(route.progress) > 0.45 && route.progress! < 0.55)
    }

    @Test func aShortReturnIsNotJitter() {
        // Out for delivery from the Futian station, refused, back to the station it came from: kept.
        var t = TraceMaker()
        t.add("已揽收", at: Places.futianStation, state: .collected)
        t.add("派送中", at: Places.shenzhenHub, state: .outForDelivery)
        t.add("客户拒收，退回", at: Places.futianStation, state: .returning)
        let route = RouteBuilder.build(trace: t.trace(state: .returning))
        #expect(route.stops.count == 3)
        #expect(route.stops.map(\.role) == [.origin, .transit, .returnTarget])
        #expect(route.stops.map(\.isReturnLeg) == [false, false, true])
        #expect(route.progress == 1)  // back where it started, not yet handed over
    }

    @Test func returnedAndDeliveredBackToTheSender() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        t.add("到达", at: Places.wuhan)
        t.add("退回寄件人", at: Places.wuhan, state: .returning)
        t.add("到达", at: Places.changsha)
        t.add("已签收（退回）", at: Places.guangzhou, state: .delivered)
        let route = RouteBuilder.build(trace: t.trace(state: .delivered))
        #expect(route.stops.map(\.role) == [.origin, .transit, .transit, .returnTarget])
        #expect(route.stops.map(\.isReturnLeg) == [false, false, true, true])
        #expect(route.isDelivered && route.isReturning && route.progress == 1)
    }

    @Test func returnStateAloneTurnsAtTheFarthestStop() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        t.add("到达", at: Places.wuhan)
        t.add("到达", at: Places.changsha)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.beijingShunyiHub, state: .returning))
        // Wuhan is the farthest from Guangzhou: the way back starts there; the unreached destination is dropped.
        #expect(route.stops.map(\.place) == [Places.guangzhou, Places.wuhan, Places.changsha, Places.guangzhou])
        #expect(route.stops.map(\.isReturnLeg) == [false, false, true, true])
        #expect(route.stops.last?.role == .returnTarget && route.stops[2].role == .current)
    }
}
