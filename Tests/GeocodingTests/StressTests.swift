import Testing
@testable import Geocoding

/// The stress set generated from the gazetteer (`StressSet`): its coverage, and the targets on it
/// (99.5% within the prefecture, 97% within the county, and the namesake traces held to the same bar).
@Suite struct StressTests {
    static let set = StressSet(gazetteer: Support.geocoder.gazetteer)

    @Test func coversEveryPrefectureAndThousandsOfCountiesAndTowns() {
        let s = Self.set
        #expect(s.prefectures >= 330, "prefectures \(s.prefectures)")
        #expect(s.counties >= 1_000, "counties \(s.counties)")
        #expect(s.towns >= 2_000, "towns \(s.towns)")
        #expect(s.templates >= 12, "templates \(s.templates)")
        #expect(s.census.acrossProvinces.count > 100)
        #expect(!s.cases(tagged: "namesake").isEmpty)
    }

    @Test func theSameSeedGivesTheSameSet() {
        let again = StressSet(gazetteer: Support.geocoder.gazetteer)
        #expect(again.cases.count == Self.set.cases.count)
        #expect(again.cases.prefix(20).map(\.input) == Self.set.cases.prefix(20).map(\.input))
    }

    @Test func meetsTheTargetsOnTheStressSet() throws {
        let report = try GeocodeEvaluation(cases: Self.set.cases).evaluate(Support.geocoder)
        let misses = report.misses.prefix(40).map(\.description).joined(separator: "\n")
        #expect(report.events >= 8_000)
        #expect(report.prefecture >= 0.995, "prefecture \(report.prefecture)\n\(misses)")
        #expect(report.finest >= 0.97, "county \(report.finest)\n\(misses)")
        #expect(report.catastrophicRate <= 0.005, "catastrophic \(report.catastrophicRate)")
    }

    @Test func namesakesAreHeldToTheSameBar() throws {
        let report = try GeocodeEvaluation(cases: Self.set.cases(tagged: "namesake")).evaluate(Support.geocoder)
        #expect(report.events >= 3_000)
        #expect(report.prefecture >= 0.995, "prefecture \(report.prefecture)")
        #expect(report.finest >= 0.97, "county \(report.finest)")
    }
}
