import Foundation
import TestSupport
import Testing

/// `tracemap gallery` over the built binary: a few of the gallery fixtures into a temporary folder, a bad trace
/// among them, and a missing folder.
@Suite struct GalleryCommandTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// Runs the binary with the checkout's geodata and styles; returns the exit code, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = try ServerProcess.binary()
        process.arguments = arguments + ["--geodata", root.appendingPathComponent("geodata").path]
        var environment = ProcessInfo.processInfo.environment
        environment["TRACEMAP_STYLES_DIR"] = root.appendingPathComponent("styles").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static func temporary(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func sheetReferencesExistingImagesAndReportsABadTrace() throws {
        let traces = try Self.temporary("gallery-traces"), out = try Self.temporary("gallery-out")
        defer { try? FileManager.default.removeItem(at: traces); try? FileManager.default.removeItem(at: out) }
        let fixtures = Self.root.appendingPathComponent("Tests/MapRenderingTests/Fixtures/gallery")
        for name in ["02-neighbouring-provinces.json", "13-no-placeable-event.json", "15-delivered.json"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: traces.appendingPathComponent(name))
        }
        try Data("{\"carrier\": ".utf8).write(to: traces.appendingPathComponent("99-broken.json"))
        let (code, stdout, stderr) = try Self.run(["gallery", "--traces", traces.path, "--out", out.path])
        #expect(code == 1, "the broken trace fails the run: \(stdout) \(stderr)")
        let lines = stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("99-broken") && $0.hasPrefix("FAIL") }.count == 1, "\(stdout)")
        #expect(lines.contains { $0.contains("15-delivered") && $0.contains("images") }, "\(stdout)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("99-broken"))
        let sources = html.components(separatedBy: "src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(sources.count >= 3 * 7, "one image per variant per good trace: \(sources.count)")
        for source in sources {
            let path = out.appendingPathComponent(source.removingPercentEncoding ?? String(source)).path
            let data = FileManager.default.contents(atPath: path)
            #expect(data?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true, "\(source) is not a PNG on disk")
        }
        for name in ["15-delivered-800x600@2x-default-zh.scene.json", "13-no-placeable-event-300x225@1x-default-zh.png"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func missingFolderIsAClearError() throws {
        let (code, _, stderr) = try Self.run(["gallery", "--traces", "/nonexistent/gallery-\(UUID().uuidString)",
                                              "--out", FileManager.default.temporaryDirectory.path])
        #expect(code == 1)
        #expect(stderr.contains("does not exist"), "\(stderr)")
    }
}
