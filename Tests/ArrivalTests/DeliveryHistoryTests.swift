import Foundation
import Testing
@testable import Arrival

@Suite struct DeliveryHistoryTests {
    let prior = LogNormal(median: 10, sigma: 0.8)

    func history(samples: Int, hours: Double) -> DeliveryHistory {
        var h = DeliveryHistory()
        for _ in 0..<samples { h.record(.anyCityToDelivered, carrier: "zhongtong", hours: hours) }
        return h
    }

    @Test func oneSampleStaysNearThePrior() {
        let (blended, n) = history(samples: 1, hours: 40).blend(prior, [.anyCityToDelivered], carrier: "ZTO")
        #expect(n == 1)
        #expect(blended.median > 10 && blended.median < 13, "\(blended.median)")
    }

    @Test func fiftySamplesComeNearTheHistory() {
        let (blended, n) = history(samples: 50, hours: 40).blend(prior, [.anyCityToDelivered], carrier: "中通快递")
        #expect(n == 50)
        #expect(blended.median > 34 && blended.median <= 40, "\(blended.median)")
    }

    @Test func noSamplesIsThePrior() {
        let (blended, n) = history(samples: 3, hours: 40).blend(prior, [.anyCityToDelivered], carrier: "YTO")
        #expect(n == 0)
        #expect(blended == prior)
    }

    @Test func theFirstStepWithObservationsWins() {
        var h = history(samples: 2, hours: 40)
        h.record(.cityToDelivered("510100"), carrier: "ZTO", hours: 5)
        let (exact, n) = h.blend(prior, [.cityToDelivered("510100"), .anyCityToDelivered], carrier: "ZTO")
        #expect(n == 1 && exact.median < 10)
        let (fallback, m) = h.blend(prior, [.cityToDelivered("330100"), .anyCityToDelivered], carrier: "ZTO")
        #expect(m == 2 && fallback.median > 10)
    }

    @Test func replayingDeliveredTracesFillsTheTable() throws {
        var h = DeliveryHistory()
        let prefectures = Prefectures(gazetteer: Support.gazetteer)
        let recorded = try Support.real("dev").filter { h.record(delivered: $0, prefectures: prefectures) }.count
        #expect(recorded >= 20)
        #expect(h.count > 20)
        #expect(!h.record(delivered: try Support.inTransit(), prefectures: prefectures))
    }
}

@Suite struct DeliveryHistoryRowsTests {
    @Test func rowsRoundTrip() throws {
        var h = DeliveryHistory()
        let prefectures = Prefectures(gazetteer: Support.gazetteer)
        for trace in try Support.real("dev") { h.record(delivered: trace, prefectures: prefectures) }
        let rows = h.rows
        #expect(rows.count == h.count)
        #expect(Set(rows.map(\.kind)).isSuperset(of: ["leg", "leg-band", "city", "any-city"]))
        #expect(DeliveryHistory(rows: rows) == h)
        #expect(DeliveryHistory(rows: rows + [.init(carrier: "ZTO", kind: "?", from: "", to: "", count: 1, sumLog: 0,
                                                  sumLogSquares: 0)]) == h)
    }
}
