import Foundation
import Testing
@testable import Export

@Suite struct PipelineTests {
    @Test func mixedGoodAndBadInputIsRecordedAndSkipped() throws {
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", jsonLines([
            ["carrier": "SF", "number": "SF1400000000001", "state": "delivered", "place": "北京"],
            ["carrier": "ZTO", "number": "78000000000001"],
        ]) + "{this is not json\n" + jsonLines([
            ["carrier": "X", "number": "../../evil"],
            ["carrier": "YTO", "number": "Y1", "fail": "trace.no_events"],
        ]))
        let out = folder.path + "/out"
        let (summary, _) = try runExport(.file(input), out: out, jobs: 3)
        #expect(summary.done == 3 && summary.failed == 2 && summary.skipped == 0)
        #expect(summary.exitCode(strict: false) == 0)
        #expect(summary.exitCode(strict: true) == 1)

        let manifest = try readManifest(out)
        #expect(manifest.map(\.item) == [1, 2, 3, 4, 5])
        #expect(manifest.map(\.position.line) == [1, 2, 3, 4, 5])
        #expect(manifest.map(\.status) == [.ok, .ok, .error, .ok, .error])
        #expect(manifest[0].outputs == ["SF_SF1400000000001.png"])
        #expect(manifest[0].state == "delivered" && manifest[0].currentPlace == "北京" && manifest[0].progress == 0.5)
        #expect(manifest[2].errorCode == "trace.invalid_json" && manifest[2].outputs.isEmpty)
        #expect(manifest[3].outputs == ["X_evil.png"])
        #expect(manifest[4].errorCode == "trace.no_events" && manifest[4].carrier == nil)

        let files = Set(folder.contents("out").keys)
        #expect(files == ["SF_SF1400000000001.png", "ZTO_78000000000001.png", "X_evil.png", "manifest.jsonl",
                          ".export.lock"])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/evil.png"))
    }

    @Test func everyManifestKeyIsPresentEvenWhenNull() throws {
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", "nope\n")
        let (summary, _) = try runExport(.file(input), out: folder.path + "/out")
        #expect(summary.exitCode(strict: false) == 1)  // every item failed
        let line = try String(contentsOfFile: folder.path + "/out/manifest.jsonl", encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["item", "position", "carrier", "number", "outputs", "status", "error_code",
                                     "error_message", "state", "progress", "current_place", "input_hash"])
        #expect(object["status"] as? String == "error")
    }

    @Test func theManifestIsInInputOrderWhateverFinishesFirst() throws {
        let folder = TemporaryFolder()
        // Early items are slow, late ones fast, on four workers.
        let objects: [[String: Any]] = (1...24).map { ["carrier": "C", "number": "N\($0)", "delay_ms": ($0 % 4 == 1) ? 40 : 1] }
        let input = folder.write("in.jsonl", jsonLines(objects))
        _ = try runExport(.file(input), out: folder.path + "/out", jobs: 4)
        let manifest = try readManifest(folder.path + "/out")
        #expect(manifest.map(\.number) == (1...24).map { "N\($0)" })
        #expect(manifest.map(\.item) == Array(1...24))
    }

    @Test func collidingNamesAreDisambiguatedTheSameWayOnEveryRun() throws {
        let folder = TemporaryFolder()
        let objects: [[String: Any]] = [
            ["carrier": "SF", "number": "1", "delay_ms": 30], ["carrier": "SF", "number": "1"],
            ["carrier": "sf", "number": "1"], ["number": ""], ["number": "line-4"],
        ]
        let input = folder.write("in.jsonl", jsonLines(objects))
        for run in ["a", "b"] {
            _ = try runExport(.file(input), out: folder.path + "/" + run, formats: [.png, .svg], jobs: 3)
        }
        let a = try readManifest(folder.path + "/a")
        #expect(a.map(\.outputs) == [["SF_1.png", "SF_1.svg"], ["SF_1-2.png", "SF_1-2.svg"],
                                     ["sf_1-3.png", "sf_1-3.svg"], ["line-4.png", "line-4.svg"],
                                     ["line-4-2.png", "line-4-2.svg"]])
        #expect(try readManifest(folder.path + "/b") == a)
        #expect(folder.contents("a") == folder.contents("b"))
    }

    @Test func aFolderOfTracesAndAPushInsideIt() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/in", withIntermediateDirectories: false)
        folder.write("in/2-push.json", #"{"RequestData":{"Data":\#(KdniaoPushSplitterTests.shipments)}}"#)
        folder.write("in/1-single.json", #"{"carrier":"JD","number":"JDX1"}"#)
        folder.write("in/3-nonumber.json", #"{"carrier":"JD"}"#)
        let (summary, _) = try runExport(.directory(folder.path + "/in"), out: folder.path + "/out")
        #expect(summary.done == 4)
        let manifest = try readManifest(folder.path + "/out")
        #expect(manifest.map(\.position) == [
            ItemPosition(file: "1-single.json"), ItemPosition(file: "2-push.json", shipment: 1),
            ItemPosition(file: "2-push.json", shipment: 2), ItemPosition(file: "3-nonumber.json"),
        ])
        #expect(manifest.map(\.outputs) == [["JD_JDX1.png"], ["YTO_YT1.png"], ["JTSD_JT2.png"], ["JD_3-nonumber.png"]])
    }

    @Test func resumeAfterAStopGivesTheSameFilesAsOneRun() throws {
        let folder = TemporaryFolder()
        let objects: [[String: Any]] = (1...30).map { i in
            i % 7 == 0 ? ["number": "bad\(i)", "fail": "trace.no_events"] : ["carrier": "ZTO", "number": "\(i % 11)"]
        }
        let input = folder.write("in.jsonl", jsonLines(objects))
        let reference = try runExport(.file(input), out: folder.path + "/ref", formats: [.png, .pdf], jobs: 3)
        #expect(reference.calls == 30)

        let stop = StopFlag()
        let first = try runExport(.file(input), out: folder.path + "/run", formats: [.png, .pdf], jobs: 3,
                                  observer: StopAfter(10, flag: stop), stop: stop)
        #expect(first.summary.interrupted)
        #expect(first.summary.exitCode(strict: false) == 130)
        let partial = try readManifest(folder.path + "/run")
        #expect(partial.count >= 10 && partial.count < 30)
        #expect(partial.map(\.item) == Array(1...partial.count))  // a prefix, in order

        let second = try runExport(.file(input), out: folder.path + "/run", formats: [.png, .pdf], jobs: 3,
                                   resume: true)
        #expect(second.calls == 30 - partial.count)
        #expect(second.summary.skipped + second.summary.done + second.summary.failed == 30)
        #expect(folder.contents("run") == folder.contents("ref"))
    }

    /// What `kill -9` can leave: a torn last manifest line, temporaries, renamed images without an entry.
    @Test func resumeAfterAKillGivesTheSameFilesByteForByte() throws {
        let folder = TemporaryFolder()
        let objects: [[String: Any]] = (1...20).map { ["carrier": "YTO", "number": "YT\($0 % 6)"] }
        let input = folder.write("in.jsonl", jsonLines(objects))
        _ = try runExport(.file(input), out: folder.path + "/ref", jobs: 2)
        _ = try runExport(.file(input), out: folder.path + "/run", jobs: 2)

        // Kill after item 12's images were renamed but mid-way through writing entry 12, with 13's temporary.
        let manifestPath = folder.path + "/run/manifest.jsonl"
        let lines = try String(contentsOfFile: manifestPath, encoding: .utf8).split(separator: "\n")
        let kept = lines[0..<11].joined(separator: "\n") + "\n" + lines[11].prefix(40)
        try Data(kept.utf8).write(to: URL(fileURLWithPath: manifestPath))
        let later = try readManifestLines(lines[12...])
        for entry in later.dropFirst() { for name in entry.outputs { unlink(folder.path + "/run/" + name) } }
        folder.write("run/.export-13.png.tmp-99999", "half an ima")

        let resumed = try runExport(.file(input), out: folder.path + "/run", jobs: 2, resume: true)
        #expect(resumed.calls == 9)
        #expect(resumed.summary.skipped == 11)
        #expect(folder.contents("run") == folder.contents("ref"))
    }

    @Test func resumeRedoesItemsWhoseFilesOrInputChanged() throws {
        let folder = TemporaryFolder()
        var objects: [[String: Any]] = (1...8).map { ["carrier": "JD", "number": "J\($0)"] }
        let input = folder.write("in.jsonl", jsonLines(objects))
        _ = try runExport(.file(input), out: folder.path + "/out")
        unlink(folder.path + "/out/JD_J6.png")
        #expect(try runExport(.file(input), out: folder.path + "/out", resume: true).calls == 3)  // 6, 7, 8
        objects[2]["number"] = "changed"
        folder.write("in.jsonl", jsonLines(objects))
        let changed = try runExport(.file(input), out: folder.path + "/out", resume: true)
        #expect(changed.calls == 6 && changed.summary.skipped == 2)
        #expect(try readManifest(folder.path + "/out").map(\.number)[2] == "changed")
        // Fewer items than before: the old tail goes.
        folder.write("in.jsonl", jsonLines(Array(objects.prefix(4))))
        _ = try runExport(.file(input), out: folder.path + "/out", resume: true)
        #expect(try readManifest(folder.path + "/out").count == 4)
    }

    @Test func aFreshRunStartsANewManifestAndClearsStaleTemporaries() throws {
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", jsonLines([["number": "1"], ["number": "2"]]))
        folder.write("keep.txt", "not ours")
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: false)
        folder.write("out/.export-1.png.tmp-4242", "partial")
        folder.write("out/manifest.jsonl", "old junk\n")
        _ = try runExport(.file(input), out: folder.path + "/out")
        #expect(Set(folder.contents("out").keys) == ["1.png", "2.png", "manifest.jsonl", ".export.lock"])
        #expect(try readManifest(folder.path + "/out").count == 2)
    }

    @Test func anotherExportCannotWriteIntoALockedFolder() throws {
        let folder = TemporaryFolder()
        let held = try OutputFolder(path: folder.path, durable: false)
        #expect(throws: ExportError.outputFolderBusy(path: folder.path)) {
            _ = try OutputFolder(path: folder.path, durable: false)
        }
        _ = held
    }

    @Test func aRendererThatCannotStartStopsTheRunBeforeAnyOutput() throws {
        struct NoGazetteer: Error {}
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", jsonLines([["number": "1"]]))
        let pipeline = ExportPipeline(configuration: ExportConfiguration(outputPath: folder.path + "/out")) { _ in
            throw NoGazetteer()
        }
        #expect(throws: NoGazetteer.self) { try pipeline.run(.file(input)) }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))  // not even created
    }

    @Test func aMissingFormatFromTheRendererIsAnItemError() throws {
        final class PNGOnly: SnapshotRenderer {
            func snapshot(of trace: Data, formats: [SnapshotFormat]) throws -> Snapshot {
                Snapshot(carrier: nil, number: "1", images: [.png: Data("png".utf8)], state: "unknown",
                         progress: nil, currentPlace: nil)
            }
        }
        let folder = TemporaryFolder()
        let input = folder.write("in.jsonl", "{}\n")
        let pipeline = ExportPipeline(configuration: ExportConfiguration(outputPath: folder.path + "/out",
                                                                         formats: [.png, .svg])) { _ in PNGOnly() }
        let summary = try pipeline.run(.file(input))
        #expect(summary.failed == 1)
        #expect(Set(folder.contents("out").keys) == ["manifest.jsonl", ".export.lock"])  // no half of a pair
    }

    func readManifestLines(_ lines: ArraySlice<Substring>) throws -> [ManifestEntry] {
        try lines.map { try JSONDecoder().decode(ManifestEntry.self, from: Data($0.utf8)) }
    }
}

@Suite struct OutputSafetyTests {
    @Test func aSymlinkPlantedUnderAnOutputNameIsReplacedNotFollowed() throws {
        let folder = TemporaryFolder()
        let victim = folder.write("victim.txt", "precious")
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: false)
        #expect(symlink(victim, folder.path + "/out/SF_1.png") == 0)
        #expect(symlink(victim, folder.path + "/out/manifest.jsonl") == 0)
        let input = folder.write("in.jsonl", jsonLines([["carrier": "SF", "number": "1"]]))
        #expect(throws: ExportError.self) { try runExport(.file(input), out: folder.path + "/out") }
        unlink(folder.path + "/out/manifest.jsonl")
        _ = try runExport(.file(input), out: folder.path + "/out")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        var info = stat()
        #expect(lstat(folder.path + "/out/SF_1.png", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test func aPushDocumentHasNoLineCountAsItsTotal() throws {
        let folder = TemporaryFolder()
        let input = folder.write("push.json", "{\n\"RequestData\": {\"Data\": \(KdniaoPushSplitterTests.shipments)}\n}\n")
        var seen: ExportSummary?
        final class Last: ExportObserver {
            var summary: ExportSummary?
            func committed(_ entry: ManifestEntry, summary: ExportSummary) { self.summary = summary }
            func tick(summary: ExportSummary) {}
        }
        let last = Last()
        let (summary, _) = try runExport(.file(input), out: folder.path + "/out", observer: last)
        seen = last.summary
        #expect(summary.done == 2)
        #expect(seen?.expectedTotal == nil)
    }
}
