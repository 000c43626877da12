import Foundation
import Geo
import Geocoding
import Testing
@testable import Routing

@Suite struct RouteDegenerateTests {
    @Test func noPlaceableEventsKeepsTheExplicitEnds() throws {
        var t = TraceMaker()
        t.add("包裹正在运输途中，请耐心等待", at: nil)
        t.add("运输中", at: nil, next: Places.wuhan)  // a next stop alone does not place the parcel
        let route = RouteBuilder.build(trace: t.trace(origin: Places.shanghai, destination: Places.losAngeles))
        #expect(route.isUnknown)
        #expect(route.stops.map(\.role) == [.origin, .destination])
        #expect(route.legs.isEmpty && route.current == nil && route.progress == nil)
        #expect(route.currentStopIndex == nil && route.currentLegIndex == nil)
        // Still on the short way round.
        let box = try #require(route.boundingBox)
        #expect(abs(box.maxLon - (360 - 118.2437)) < 1e-9 && box.minLon == 121.4737)
    }

    @Test func nothingKnownAtAll() {
        let empty = RouteBuilder.build(trace: GeocodedTrace(events: [], origin: nil, destination: nil,
                                                            state: .unknown))
        #expect(empty.isUnknown && empty.stops.isEmpty && empty.legs.isEmpty && empty.boundingBox == nil)
        #expect(empty.origin == nil && empty.destination == nil && empty.currentPlace == nil)
        var t = TraceMaker()
        t.add("已签收", at: nil, state: .delivered)
        let delivered = RouteBuilder.build(trace: t.trace(state: .delivered))
        #expect(delivered.isUnknown && delivered.isDelivered && delivered.progress == 1)
    }

    @Test func oneStop() throws {
        var t = TraceMaker()
        t.add("【深圳市】已揽收", at: Places.shenzhen, state: .collected)
        let route = RouteBuilder.build(trace: t.trace(state: .collected))
        #expect(route.stops.count == 1 && route.stops[0].role == .origin && route.legs.isEmpty)
        #expect(route.current == Places.shenzhen.coordinate && route.currentStopIndex == 0)
        #expect(route.boundingBox == BoundingBox(Places.shenzhen.coordinate))
        #expect(route.progress == nil && route.travelledKm == 0)
        #expect(route.currentPlace == Places.shenzhen)
    }

    @Test func allStopsInOnePlaceDelivered() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.shenzhenHub, state: .collected)
        t.add("分拣", at: Places.shenzhenHub)
        t.add("派送中", at: Places.shenzhenHub, state: .outForDelivery)
        t.add("已签收", at: Places.shenzhenHub, state: .delivered)
        let route = RouteBuilder.build(trace: t.trace(origin: Places.shenzhen, destination: Places.shenzhen,
                                                      state: .delivered))
        #expect(route.stops.count == 1 && route.stops[0].role == .origin && route.legs.isEmpty)
        #expect(route.progress == 1 && route.totalKm == 0 && route.isDelivered)
    }

    @Test func allStopsInOnePlaceNotDelivered() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.shenzhenHub, state: .collected)
        t.add("派送中", at: Places.shenzhenHub, state: .outForDelivery)
        let route = RouteBuilder.build(trace: t.trace(destination: Places.shenzhen, state: .outForDelivery))
        #expect(route.stops.count == 1 && route.legs.isEmpty && route.progress == 0)
    }

    @Test func aNextStopAtTheCurrentPlaceIsNotATrip() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.shenzhen, state: .collected)
        t.add("发往 深圳华南陆运枢纽", at: Places.shenzhenHub, next: Places.shenzhen)
        let route = RouteBuilder.build(trace: t.trace())
        #expect(route.stops.count == 1 && route.currentLegIndex == nil && route.currentStopIndex == 0)
    }

    @Test func buildingIsDeterministic() {
        var t = TraceMaker()
        t.add("已揽收", at: Places.shanghai, state: .collected)
        t.add("发往 洛杉矶", at: Places.pudongAirport, next: Places.lax)
        let trace = t.trace(destination: Places.irvine)
        #expect(RouteBuilder.build(trace: trace) == RouteBuilder.build(trace: trace))
        let asOf = t.time.addingTimeInterval(7_200)
        #expect(RouteBuilder.build(trace: trace, asOf: asOf) == RouteBuilder.build(trace: trace, asOf: asOf))
    }
}
