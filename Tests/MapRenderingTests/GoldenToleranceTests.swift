import Foundation
import Testing
@testable import MapRendering

/// The golden comparison's tolerance, shown both ways: a map with its hub labels removed fails it, the same scene
/// rendered again passes it (issue 15 §5).
@Suite struct GoldenToleranceTests {
    /// A renderer over a copy of the styles whose default style has `hubLabels: false`.
    static let withoutHubLabels: MapRenderer = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("styles-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = TestSupport.repoRoot.appendingPathComponent("styles")
        for name in try! FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".json") {
            var text = try! String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "default.json" { text = text.replacingOccurrences(of: "\"hubLabels\": true", with: "\"hubLabels\": false") }
            try! text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return MapRenderer(basemap: TestSupport.basemap, styles: try! StyleLibrary(directory: folder))
    }()

    static let names = ["north-south", "pacific", "europe-rail"]

    @Test(arguments: names)
    func removingHubLabelsFailsTheComparison(name: String) throws {
        let scene = Scenarios.all.first { $0.0 == name }!.1
        let options = RenderOptions(width: 800, height: 600)
        let reference = try TestSupport.renderer.render(scene: scene, options: options)
        let stripped = try Self.withoutHubLabels.render(scene: scene, options: options)
        #expect(reference.data != stripped.data, "\(name): the style change removed nothing")
        let difference = try GoldenImage.compare(stripped.data, reference.data)
        #expect(!difference.matches, "\(name): \(difference.detail)")
        print("golden tolerance, \(name) without hub labels: \(difference.detail)")
    }

    @Test(arguments: names)
    func renderingAgainPassesTheComparison(name: String) throws {
        let scene = Scenarios.all.first { $0.0 == name }!.1
        let options = RenderOptions(width: 800, height: 600)
        let first = try TestSupport.renderer.render(scene: scene, options: options)
        let second = try TestSupport.renderer.render(scene: scene, options: options)
        let difference = try GoldenImage.compare(second.data, first.data)
        #expect(difference.matches, "\(name): \(difference.detail)")
        // Against the committed reference too: another machine's fonts made it.
        let golden = try Data(contentsOf: GoldenImage.directory.appendingPathComponent("\(name).png"))
        let committed = try GoldenImage.compare(first.data, golden)
        #expect(committed.matches, "\(name): \(committed.detail)")
        print("golden tolerance, \(name) against its reference: \(committed.detail)")
    }
}
