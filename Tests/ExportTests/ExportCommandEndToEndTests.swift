import Foundation
import Testing
@testable import Export

/// `tracemap export` run as a process: killed with SIGKILL, stopped with SIGINT, resumed, compared byte for byte.
///
/// Uses the `tracemap` binary built next to the test bundle and the real geodata (the repository's `geodata/`, or
/// `TRACEMAP_GEODATA_DIR`), so it checks the shipped command, not the pipeline alone.
@Suite(.serialized) struct ExportCommandEndToEndTests {
    static let itemCount = 24

    /// The `tracemap` binary: beside the test bundle (`swift build --build-tests` builds both into one folder).
    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            .deletingLastPathComponent().appendingPathComponent("tracemap").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/tracemap").path
    }

    /// Writes generated traces plus two bad lines to `in.jsonl`.
    func input(_ folder: TemporaryFolder) -> String {
        var lines = SyntheticTraces(count: Self.itemCount).map { String(decoding: $0, as: UTF8.self) }
        lines.insert("{broken", at: 5)
        lines.insert(#"{"carrier":"SF","number":"../../x","events":[]}"#, at: 9)
        return folder.write("in.jsonl", lines.joined(separator: "\n") + "\n")
    }

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["export"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: [String]) throws -> Int32 {
        let process = try start(arguments)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits until the manifest has at least `lines` complete lines (or the process ended).
    func waitForManifest(_ path: String, lines: Int, process: Process) {
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline && process.isRunning {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if text.filter({ $0 == "\n" }).count >= lines { return }
            usleep(20_000)
        }
    }

    /// The visible outputs (no lock file, no hidden temporaries) with their bytes.
    func outputs(_ folder: TemporaryFolder, _ name: String) -> [String: Data] {
        folder.contents(name).filter { !$0.key.hasPrefix(".") }
    }

    @Test func killedWithSIGKILLThenResumedGivesTheSameFilesByteForByte() throws {
        let folder = TemporaryFolder()
        let inputPath = input(folder)
        let common = ["--input", inputPath, "--format", "png,svg", "--size", "400x300", "--jobs", "2"]
        #expect(try run(common + ["--out", folder.path + "/ref"]) == 0)
        let reference = outputs(folder, "ref")
        #expect(reference.keys.filter { $0.hasSuffix(".png") }.count == Self.itemCount + 1)

        let victim = try start(common + ["--out", folder.path + "/run"])
        waitForManifest(folder.path + "/run/manifest.jsonl", lines: 6, process: victim)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        // Whatever is under a final name is complete: it is byte-identical to the uninterrupted run's file.
        let partial = outputs(folder, "run")
        #expect(partial.count < reference.count)
        for (name, data) in partial where name != "manifest.jsonl" { #expect(reference[name] == data, "\(name)") }

        #expect(try run(common + ["--out", folder.path + "/run", "--resume"]) == 0)
        #expect(outputs(folder, "run") == reference)
        #expect(!folder.contents("run").keys.contains { $0.contains(".tmp-") })
    }

    @Test func sigintStopsCleanlyWithACompleteManifestAndExit130() throws {
        let folder = TemporaryFolder()
        let inputPath = input(folder)
        let common = ["--input", inputPath, "--size", "400x300", "--jobs", "2", "--index"]
        let process = try start(common + ["--out", folder.path + "/run"])
        waitForManifest(folder.path + "/run/manifest.jsonl", lines: 4, process: process)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let manifest = try readManifest(folder.path + "/run")
        #expect(manifest.count >= 4 && manifest.count < Self.itemCount + 2)
        #expect(manifest.map(\.item) == Array(1...manifest.count))
        for entry in manifest where entry.status == .ok {
            for name in entry.outputs { #expect(FileManager.default.fileExists(atPath: folder.path + "/run/" + name)) }
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/run/index.html"))

        #expect(try run(common + ["--out", folder.path + "/run", "--resume"]) == 0)
        #expect(try run(common + ["--out", folder.path + "/ref"]) == 0)
        #expect(outputs(folder, "run") == outputs(folder, "ref"))
    }

    @Test func exitCodesForUsageAllFailedAndStrict() throws {
        let folder = TemporaryFolder()
        let good = String(decoding: SyntheticTraces(count: 1).map { $0 }[0], as: UTF8.self)
        let mixed = folder.write("mixed.jsonl", good + "\nnot json\n")
        let bad = folder.write("bad.jsonl", "not json\n[]\n")
        #expect(try run(["--input", mixed, "--out", folder.path + "/a"]) == 0)
        #expect(try run(["--input", mixed, "--out", folder.path + "/b", "--strict"]) == 1)
        #expect(try run(["--input", bad, "--out", folder.path + "/c"]) == 1)
        #expect(try run(["--input", mixed, "--out", folder.path + "/d", "--format", "gif"]) == 2)
        #expect(try run(["--input", mixed, "--out", folder.path + "/e", "--style", "no-such-style"]) == 2)
        #expect(try run(["--input", mixed]) == 2)
        #expect(try run(["--input", folder.path + "/missing.jsonl", "--out", folder.path + "/f"]) == 1)
    }
}
