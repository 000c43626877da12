import Foundation
import Testing
@testable import MapRendering

@Suite struct StyleTests {
    static let defaultJSON: String = {
        String(decoding: FileManager.default.contents(atPath:
            TestSupport.repoRoot.appendingPathComponent("styles/default.json").path)!, as: UTF8.self)
    }()

    func load(_ text: String) throws -> Style { try Style(file: "styles/test.json", data: Data(text.utf8)) }

    func error(_ text: String) -> RenderError? {
        do { _ = try load(text); return nil } catch { return error as? RenderError }
    }

    @Test func shippedStylesLoad() throws {
        #expect(TestSupport.styles.names == ["dark", "default", "minimal"])
        let minimal = try TestSupport.styles.style(named: "minimal")
        #expect(!minimal.layers.card)
        #expect(minimal.labels.maxLabels < (try TestSupport.styles.style(named: "default")).labels.maxLabels)
    }

    @Test func unknownKeyNamesFileKeyAndProblem() {
        let text = Self.defaultJSON.replacingOccurrences(of: "\"haloWidth\": 3,", with: "\"haloWidth\": 3, \"glow\": 2,")
        let e = error(text)
        #expect(e?.code == .invalidStyle)
        #expect(e?.message == "styles/test.json: key 'labels.glow': unknown key")
        #expect(e?.httpStatus == 500)
    }

    @Test func malformedJSONNamesTheFile() {
        let e = error("{ \"name\": ")
        #expect(e?.code == .invalidStyle)
        #expect(e?.message.hasPrefix("styles/test.json: not valid JSON") == true)
    }

    @Test func wrongTypesAndValuesAreNamed() {
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"ocean\": \"#aed0ee\"", with: "\"ocean\": \"blue\""))?
            .message == "styles/test.json: key 'map.ocean': 'blue' is not a colour (#rrggbb or #rrggbbaa)")
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"card\": true", with: "\"card\": 1"))?
            .message == "styles/test.json: key 'layers.card': expected true or false")
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"maxLabels\": 12", with: "\"maxLabels\": true"))?
            .message == "styles/test.json: key 'labels.maxLabels': expected a number")
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"shape\": \"pin\"", with: "\"shape\": \"star\""))?
            .message == "styles/test.json: key 'markers.destination.shape': 'star' is not one of circle, square, diamond, pin, ring")
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"dash\": [7, 5]", with: "\"dash\": [7, -5]"))?
            .message.contains("key 'route.remaining.dash'") == true)
        #expect(error(Self.defaultJSON.replacingOccurrences(of: "\"size\": 12,", with: "\"size\": 900,"))?
            .message == "styles/test.json: key 'labels.size': 900.0 is outside 6.0…40.0")
    }

    @Test func missingKeyIsNamed() {
        let text = Self.defaultJSON.replacingOccurrences(of: "\"scaleBar\": true,", with: "")
        #expect(error(text)?.message == "styles/test.json: key 'layers.scaleBar': missing")
    }

    @Test func unknownStyleListsTheAvailableOnes() {
        let e = #expect(throws: RenderError.self) { try TestSupport.styles.style(named: "neon") }
        #expect(e?.code == .unknownStyle)
        #expect(e?.httpStatus == 400)
        #expect(e?.message == "unknown style 'neon' (available: dark, default, minimal)")
    }

    @Test func brokenFileInDirectoryStopsLoading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.defaultJSON.utf8).write(to: dir.appendingPathComponent("default.json"))
        try Data("[1, 2]".utf8).write(to: dir.appendingPathComponent("broken.json"))
        let e = #expect(throws: RenderError.self) { try StyleLibrary(directory: dir) }
        #expect(e?.message.contains("broken.json: the top level must be a JSON object") == true)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("broken.json"))
        try Data(Self.defaultJSON.utf8).write(to: dir.appendingPathComponent("other.json"))
        let mismatch = #expect(throws: RenderError.self) { try StyleLibrary(directory: dir) }
        #expect(mismatch?.message.contains("must match the file name 'other'") == true)
    }
}
