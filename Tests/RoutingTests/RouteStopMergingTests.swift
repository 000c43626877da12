import Foundation
import Geo
import Geocoding
import Testing
@testable import Routing

@Suite struct RouteStopMergingTests {
    @Test func consecutiveEventsAtOnePlaceAreOneStop() throws {
        var t = TraceMaker()
        t.add("【深圳市】已揽收", at: Places.shenzhen, state: .collected)  // city only
        t.add("到达【南山科技园营业点】", at: Places.nanshanStation)  // a site in the city
        t.add("【南山区】完成分拣", at: Places.nanshan)  // the district: same code family, near
        t.add("到达【武汉市】", at: Places.wuhan, hoursLater: 14)
        t.add("武汉 派件中", at: Places.wuhan, state: .outForDelivery)
        let route = RouteBuilder.build(trace: t.trace(state: .outForDelivery))
        #expect(route.stops.count == 2)
        let first = route.stops[0]
        #expect(first.place == Places.nanshanStation)  // the finest of the three
        #expect(first.firstEventIndex == 0 && first.lastEventIndex == 2)
        #expect(first.arrived == t.events[0].time && first.lastSeen == t.events[2].time)
        #expect(route.stops[1].firstEventIndex == 3 && route.stops[1].lastEventIndex == 4)
    }

    @Test func aProvinceMergesWithACityInItButNotWithOneOutside() {
        var t = TraceMaker()
        t.add("广东省 已揽收", at: Places.guangdong, state: .collected)
        t.add("到达 深圳", at: Places.shenzhen)
        #expect(RouteBuilder.build(trace: t.trace()).stops.count == 1)
        t.add("到达 长沙", at: Places.changsha)
        #expect(RouteBuilder.build(trace: t.trace()).stops.count == 2)
    }

    @Test func neighbouringCitiesAreSeparateStops() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        t.add("到达", at: Places.dongguan)
        t.add("到达", at: Places.shenzhen)
        #expect(RouteBuilder.build(trace: t.trace()).stops.count == 3)
    }

    @Test func jitterIsDropped() throws {
        // Guangzhou → Dongguan (about 50 km) → back to Guangzhou → Wuhan: the Dongguan scan is noise.
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        t.add("到达", at: Places.dongguan)
        t.add("到达", at: Places.guangzhou)
        t.add("发往武汉", at: Places.guangzhou, next: Places.wuhan)
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.stops.map(\.place) == [Places.guangzhou, Places.wuhan])
        #expect(route.stops[0].firstEventIndex == 0 && route.stops[0].lastEventIndex == 3)
        #expect(route.legs.map(\.kind) == [.current])
    }

    @Test func aLongDetourIsNotJitter() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        t.add("到达", at: Places.wuhan)
        t.add("到达", at: Places.guangzhou)
        #expect(RouteBuilder.build(trace: t.trace()).stops.count == 3)
    }

    @Test func lowConfidencePlacesMakeNoStop() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.guangzhou, state: .collected)
        let vague = Places.place("长沙", .city, "430100", 28.2282, 112.9388, confidence: 0.2)
        t.add("运输中 长沙?", at: vague)
        t.add("发往 长沙?", at: Places.guangzhou, next: vague)
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.stops.map(\.place) == [Places.guangzhou])
        #expect(route.legs.isEmpty && route.currentStopIndex == 0)
        // Nowhere known to go: no remaining path, and no progress figure.
        #expect(route.progress == nil && route.remainingKm == nil && route.totalKm == nil)
    }

    @Test func placesWithInvalidCoordinatesAreIgnored() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.place("坏", .city, nil, .nan, 10))
        t.add("到达", at: Places.place("坏", .city, nil, 95, 10))
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.isUnknown && route.stops.isEmpty)
    }

    @Test func anExplicitOriginEitherNamesTheFirstStopOrComesBeforeIt() {
        var t = TraceMaker()
        t.add("到达 深圳华南陆运枢纽", at: Places.shenzhenHub)
        // Shenzhen city contains the hub: the same stop, described by the finer place.
        let same = RouteBuilder.build(trace: t.trace(origin: Places.shenzhen))
        #expect(same.stops.map(\.place) == [Places.shenzhenHub] && same.stops[0].role == .origin)
        // Wuhan is elsewhere: it is a stop of its own, travelled, before the first event.
        let before = RouteBuilder.build(trace: t.trace(origin: Places.wuhan))
        #expect(before.stops.map(\.place) == [Places.wuhan, Places.shenzhenHub])
        #expect(before.stops[0].firstEventIndex == nil && before.stops[0].isVisited)
        #expect(before.stops.map(\.role) == [.origin, .current] && before.legs.map(\.kind) == [.travelled])
    }

    @Test func aNextStopThatIsTheDestinationIsOneStop() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.wuhan, state: .collected)
        t.add("发往 北京顺义集散中心", at: Places.wuhan, next: Places.beijingShunyiHub)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.beijingShunyiHub))
        #expect(route.stops.map(\.role) == [.origin, .destination])
        #expect(route.legs.map(\.kind) == [.current])
    }

    @Test func aNextStopWithoutADestinationIsDrawnButNothingBeyond() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.wuhan, state: .collected)
        t.add("发往 长沙", at: Places.wuhan, next: Places.changsha)
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.stops.map(\.role) == [.origin, .upcoming])
        #expect(route.legs.map(\.kind) == [.current])
        #expect(route.progress == nil)  // where it ends is unknown
    }
}

@Suite struct RouteStopHistoryTests {
    /// The odd-cases sample's start: the city, its airport (29 km out) and a town near the centre are one stop,
    /// although the town is 26 km from the airport that became the stop's best place.
    @Test func anEventMayMatchAnyPlaceTheStopNamed() {
        let airport = Places.place("Guangzhou Baiyun International Airport", .airport, "CAN", 23.3924, 113.299)
        let taihe = Places.place("太和镇", .town, nil, 23.1600, 113.2679)
        var t = TraceMaker()
        t.add("[guangzhou] shipment picked up", at: Places.guangzhou, state: .collected)
        t.add("Departed from Guangzhou Baiyun International Airport (CAN)", at: airport)
        t.add("快件离开广州白云区太和镇网点", at: taihe)
        t.add("快件已到达 昆明转运中心", at: Places.kunmingHub)
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.stops.count == 2)
        #expect(route.stops[0].place == taihe && route.stops[0].lastEventIndex == 2)
        #expect(route.stops[0].namedPlaces == [Places.guangzhou, airport, taihe])
        #expect(route.stops[1].namedPlaces == [Places.kunmingHub])
    }

    @Test func aProvinceNamedEarlierDoesNotPullInAnotherCityOfIt() {
        var t = TraceMaker()
        t.add("广东省", at: Places.guangdong, state: .collected)
        t.add("深圳", at: Places.shenzhen)
        t.add("广州", at: Places.guangzhou)
        #expect(RouteBuilder.build(trace: t.trace()).stops.count == 2)
    }
}
