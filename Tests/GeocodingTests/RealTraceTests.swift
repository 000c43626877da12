import Foundation
import Testing
@testable import Geocoding

/// The real-trace set (`Fixtures/real/{dev,test}`): traces copied from public sources, each citing its source.
///
/// The floors below are regression guards at the figures measured when the set landed, not issue 10's targets
/// (97% prefecture, 92% finest, 0.5% catastrophic on the test split), which the geocoder does not meet yet; the
/// README states both.
@Suite struct RealTraceTests {
    static let splits = ["dev", "test"]

    /// Every trace of a split as raw JSON objects.
    static func traces(_ split: String) throws -> [[String: Any]] {
        let dir = Support.fixtures + "/real/" + split
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        return try files.flatMap { name -> [[String: Any]] in
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return try #require(doc["traces"] as? [[String: Any]])
        }
    }

    @Test func everyTraceCitesItsSourceAndNoParcelIsInBothSplits() throws {
        var ids = Set<String>()
        for split in Self.splits {
            for t in try Self.traces(split) {
                let id = try #require(t["id"] as? String)
                #expect(ids.insert(id).inserted, "\(id) appears twice")
                let source = try #require(t["source"] as? [String: Any], "\(id) has no source")
                #expect(source["repo"] != nil || source["url"] != nil || source["index_id"] != nil
                            || source["index_file_id"] != nil,
                        "\(id): the source names no repository, address or index file")
            }
        }
    }

    @Test(arguments: splits) func staysAboveItsRegressionFloor(split: String) throws {
        let report = try GeocodeEvaluation(directory: Support.fixtures + "/real/" + split).evaluate(Support.geocoder)
        #expect(report.events >= 200, "\(split): \(report.events) events")
        #expect(report.prefecture >= 0.88, "\(split) prefecture \(report.prefecture)")
        #expect(report.finest >= 0.80, "\(split) finest \(report.finest)")
        #expect(report.catastrophicRate <= 0.09, "\(split) catastrophic \(report.catastrophicRate)")
    }
}
