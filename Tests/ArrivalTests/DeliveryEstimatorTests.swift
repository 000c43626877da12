import Foundation
import Geocoding
import Routing
import Testing
@testable import Arrival

@Suite struct DeliveryEstimatorTests {
    let estimator = DeliveryEstimator(prefectures: Prefectures(gazetteer: Support.gazetteer))

    func estimate(_ trace: GeocodedTrace, asOf: Date, history: DeliveryHistory? = nil) -> DeliveryEstimate {
        estimator.estimate(trace: trace, route: RouteBuilder.build(trace: trace, asOf: asOf), asOf: asOf, history: history)
    }

    @Test func inTransitParcelGetsAnIntervalAroundTheLikelyTime() throws {
        let trace = try Support.inTransit()
        let asOf = trace.events.last!.time
        let eta = try #require(estimate(trace, asOf: asOf).eta)
        #expect(eta.earliest <= eta.likely && eta.likely <= eta.latest)
        #expect(eta.earliest < eta.latest)
        #expect(eta.basis == .prior && eta.sampleSize == 0)
        #expect(eta.utcOffsetSeconds == 8 * 3600)
        // Hangzhou → Chengdu is ~1,600 km by road: more than a day, less than a week.
        let hours = eta.likely.timeIntervalSince(asOf) / 3600
        #expect(hours > 24 && hours < 168, "\(hours) h")
    }

    @Test func predictsTheDestinationsPrefectureSeatAsTheSortingHub() throws {
        let estimate = estimate(try Support.inTransit(), asOf: Support.date("2026-11-21 03:00"))
        let stop = try #require(estimate.predictedStops.first)
        #expect(estimate.predictedStops.count == 1)
        #expect(stop.name == "成都市")
        #expect(stop.predicted)
        #expect(stop.coordinate.kilometres(to: .init(lat: 30.66, lon: 104.06)) < 30)
    }

    @Test func deliveriesFallInTheDaytime() throws {
        let eta = try #require(estimate(try Support.inTransit(), asOf: Support.date("2026-11-21 03:00")).eta)
        for t in [eta.likely, eta.earliest, eta.latest] {
            let hour = LocalClock.hour(t, offset: 8 * 3600)
            #expect(hour >= 8 && hour < 21, "\(TraceTime.format(t, offset: 8 * 3600))")
        }
    }

    @Test func neverEstimatesBeforeTheLastEvent() throws {
        var checked = 0
        for full in try Support.real("dev") + [try Support.inTransit()] {
            for event in full.events {
                let trace = full.asOf(event.time, keepingDestination: true)
                guard let eta = estimate(trace, asOf: event.time).eta else { continue }
                #expect(eta.earliest >= trace.events.last!.time)
                #expect(eta.earliest <= eta.likely && eta.likely <= eta.latest)
                checked += 1
            }
        }
        #expect(checked > 200)
        // As of long after the last event (a stale trace), the estimate is still after the as-of time.
        let late = Support.date("2026-12-20 12:00")
        let eta = try #require(estimate(try Support.inTransit(), asOf: late).eta)
        #expect(eta.earliest >= late)
    }

    @Test func noEstimateOnceDelivered() throws {
        let trace = try Support.trace([
            ("2026-11-20 15:00:00", "【杭州市】浙江杭州西湖公司 已揽收"),
            ("2026-11-22 10:00:00", "【成都市】快件已签收，签收人：本人"),
        ], destination: "四川省成都市武侯区")
        #expect(trace.state == .delivered)
        let estimate = estimate(trace, asOf: Support.date("2026-11-22 11:00"))
        #expect(estimate.eta == nil)
        #expect(estimate.predictedStops.isEmpty)
    }

    @Test func noEstimateWithoutADestination() throws {
        let trace = try Support.trace([
            ("2026-11-20 15:00:00", "【杭州市】浙江杭州西湖公司 已揽收"),
            ("2026-11-20 21:30:00", "【杭州市】快件已到达【杭州转运中心】"),
        ])
        #expect(trace.destination == nil)
        #expect(estimate(trace, asOf: Support.date("2026-11-21 00:00")) == .none)
    }

    @Test func asOfKeepsOnlyTheEventsUpToTheTime() throws {
        let full = try Support.trace([
            ("2026-11-20 15:00:00", "【杭州市】浙江杭州西湖公司 已揽收"),
            ("2026-11-21 22:00:00", "【成都市】快件已到达【成都转运中心】"),
            ("2026-11-22 09:00:00", "【成都市】快件派送中"),
            ("2026-11-22 10:00:00", "【成都市】快件已签收，签收人：本人"),
        ])
        #expect(full.state == .delivered && full.destination != nil)
        let then = full.asOf(Support.date("2026-11-21 23:00"))
        #expect(then.events.count == 2)
        #expect(then.state == .inTransit)
        // The destination came from the delivery scan: unknown as of then, unless the address is given.
        #expect(then.destination == nil)
        #expect(full.asOf(Support.date("2026-11-21 23:00"), keepingDestination: true).destination != nil)
        let known = full.asOf(Support.date("2026-11-22 09:30"), keepingDestination: true)
        let eta = try #require(estimate(known, asOf: Support.date("2026-11-22 09:30")).eta)
        // Out for delivery at 09:00: delivered within the day.
        #expect(eta.likely.timeIntervalSince(Support.date("2026-11-22 09:30")) < 12 * 3600)
    }

    @Test func historyChangesTheBasisAndStatesItsSampleSize() throws {
        var history = DeliveryHistory()
        for _ in 0..<8 { history.record(.anyCityToDelivered, carrier: "ZTO", hours: 30) }
        let trace = try Support.inTransit()
        let asOf = trace.events.last!.time
        let withHistory = try #require(estimate(trace, asOf: asOf, history: history).eta)
        let prior = try #require(estimate(trace, asOf: asOf).eta)
        #expect(withHistory.basis == .history && withHistory.sampleSize == 8)
        #expect(withHistory.likely > prior.likely)
    }
}
