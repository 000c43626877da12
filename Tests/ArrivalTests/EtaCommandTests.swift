import Foundation
import Testing
import TestSupport

/// `tracemap eta` through the built executable.
@Suite struct EtaCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try ServerProcess.binary()
        process.arguments = arguments
        process.environment = ["TRACEMAP_GEODATA_DIR": Support.root + "/geodata"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    let sample = Support.root + "/geodata/samples/native-jd-wuhan-xian.json"

    @Test func jsonHasExactlyTheIssuesKeys() throws {
        let r = try run(["eta", sample, "--at", "2026-11-25 23:00", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["eta", "predicted_stops"])
        let eta = try #require(object["eta"] as? [String: Any])
        #expect(Set(eta.keys) == ["likely", "earliest", "latest", "basis", "sample_size"])
        #expect(eta["basis"] as? String == "prior")
        #expect(eta["sample_size"] as? Int == 0)
        let likely = try #require(eta["likely"] as? String)
        #expect(likely.hasSuffix("+08:00"))
        #expect(likely > "2026-11-25T23:00:00+08:00")
        let stops = try #require(object["predicted_stops"] as? [[String: Any]])
        #expect(stops.count == 1)
        #expect(Set(stops[0].keys) == ["name", "lat", "lon", "predicted"])
        #expect(stops[0]["name"] as? String == "西安市")
        #expect(stops[0]["predicted"] as? Bool == true)
    }

    @Test func atBeforeEveryEventHasNoEstimate() throws {
        let r = try run(["eta", sample, "--at", "2026-11-01T00:00:00+08:00", "--json"])
        #expect(r.status == 0)
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"eta":null,"predicted_stops":[]}"#)
    }

    @Test func deliveredTraceHasNullEta() throws {
        let r = try run(["eta", Support.root + "/geodata/samples/kuaidi100-query-zto-yiwu-chengdu.json", "--json"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix(#"{"eta":null"#))
    }

    @Test func badInputExitsNonZeroWithAMessage() throws {
        let badTime = try run(["eta", sample, "--at", "soon"])
        #expect(badTime.status == 2 && badTime.err.contains("--at"))
        let missing = try run(["eta", "/nonexistent/trace.json"])
        #expect(missing.status == 1 && !missing.err.isEmpty)
        let notATrace = try run(["eta", Support.root + "/Package.swift"])
        #expect(notATrace.status == 1 && !notATrace.err.isEmpty)
    }
}
