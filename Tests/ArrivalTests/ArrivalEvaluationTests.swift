import Foundation
import Testing
@testable import Arrival

/// The dev split's figures, as a regression guard (the test split is only measured, by `tracemap bench eta`).
@Suite struct ArrivalEvaluationTests {
    @Test func devFiguresBeatTheBaselineWithAnHonestInterval() throws {
        let dev = try Support.real("dev")
        let evaluation = ArrivalEvaluation(estimator: DeliveryEstimator(prefectures: Prefectures(gazetteer: Support.gazetteer)),
                                           reference: dev)
        let (model, baseline) = evaluation.evaluate(dev)
        #expect(model.parcels >= 30 && model.estimates >= 300)
        #expect(model.beforeLastEvent == 0)
        #expect(model.missing == 0)
        #expect(model.maeHours <= 0.75 * baseline.maeHours, "\(model.maeHours) h vs \(baseline.maeHours) h")
        #expect((0.75...0.85).contains(model.intervalCoverage), "\(model.intervalCoverage)")
    }

    @Test func replayedHistoryIsUsedAndStatesItsSampleSize() throws {
        let dev = try Support.real("dev")
        let evaluation = ArrivalEvaluation(estimator: DeliveryEstimator(prefectures: Prefectures(gazetteer: Support.gazetteer)),
                                           reference: dev)
        let (history, replayed) = evaluation.replay(dev)
        #expect(replayed >= 25)
        let (learned, _) = evaluation.evaluate(dev, history: history)
        #expect(learned.historyBasis > learned.estimates / 2)
        #expect(learned.beforeLastEvent == 0)
    }

    @Test func percentileIsNearestRank() {
        #expect(ArrivalEvaluation.percentile([5, 1, 3, 2, 4], 0.5) == 3)
        #expect(ArrivalEvaluation.percentile(Array(1...10).map(Double.init), 0.9) == 9)
        #expect(ArrivalEvaluation.percentile([], 0.5).isNaN)
    }
}
