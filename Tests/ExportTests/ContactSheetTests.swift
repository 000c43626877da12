import Foundation
import Testing
@testable import Export

@Suite struct ContactSheetTests {
    @Test func hostileTextIsEscapedAndLinksAreRelativeAndEncoded() throws {
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", jsonLines([
            ["carrier": "<script>alert(1)</script>", "number": "号 1#?", "state": "delivered", "place": "\"成都\" & co"],
        ]) + "broken\n")
        _ = try runExport(.file(input), out: folder.path + "/out", index: true)
        let html = try String(contentsOfFile: folder.path + "/out/index.html", encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;成都&quot; &amp; co"))
        #expect(html.contains("已签收"))
        let manifest = try readManifest(folder.path + "/out")
        let name = try #require(manifest[0].outputs.first)
        #expect(html.contains("src=\"\(ContactSheet.percentEncode(name))\""))
        #expect(ContactSheet.percentEncode("号 1#?.png") == "%E5%8F%B7%201%23%3F.png")
        #expect(html.contains("trace.invalid_json"))
        #expect(!html.contains("http://") && !html.contains("https://"))  // nothing fetched from the network
    }
}

@Suite struct ProgressDisplayTests {
    @Test func theBarShowsCountsRateAndETAWhenTheTotalIsKnown() {
        var summary = ExportSummary()
        summary.done = 45
        summary.failed = 5
        summary.expectedTotal = 200
        summary.elapsedSeconds = 10
        let bar = ProgressDisplay.bar(summary, width: 10)
        #expect(bar == "[██░░░░░░░░] 50/200  25.0%  5.0 items/s  ETA 0:30  (5 failed)")
        summary.expectedTotal = nil
        #expect(ProgressDisplay.bar(summary) == "50 items  5.0 items/s  (5 failed)")
    }

    @Test func plainOutputIsALineAndTheSummaryEnds() {
        var written: [String] = []
        let display = ProgressDisplay(isTerminal: false) { written.append($0) }
        var summary = ExportSummary()
        summary.done = 3
        summary.elapsedSeconds = 1.25
        display.tick(summary: summary)  // too soon for a plain line
        display.finish(summary)
        #expect(written == ["export: done 3, failed 0, skipped 0, elapsed 1.2 s\n"])
        #expect(ProgressDisplay.duration(3725) == "1:02:05")
    }
}
