import Testing
@testable import Geocoding

/// Accuracy on the labelled evaluation set (`Fixtures/eval`), with the targets as thresholds.
@Suite struct AccuracyTests {
    @Test func meetsTheTargetsOnTheEvaluationSet() throws {
        let evaluation = try GeocodeEvaluation(directory: Support.fixtures + "/eval")
        #expect(evaluation.cases.count >= 10)
        let report = try evaluation.evaluate(Support.geocoder)
        #expect(report.events >= 300)
        #expect(report.prefecture >= 0.97, "prefecture \(report.prefecture); misses:\n\(report.misses.map(\.description).joined(separator: "\n"))")
        #expect(report.finest >= 0.90, "finest \(report.finest)")
    }
}
