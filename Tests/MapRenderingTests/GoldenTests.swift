import Foundation
import Testing
@testable import MapRendering

/// The scenarios rendered at 800×600 and compared with reference images.
@Suite struct GoldenTests {
    static let cases: [String] = Scenarios.all.map(\.0)

    @Test(arguments: cases)
    func scenarioMatchesGolden(name: String) throws {
        let scene = Scenarios.all.first { $0.0 == name }!.1
        let image = try TestSupport.renderer.render(scene: scene, options: RenderOptions(width: 800, height: 600))
        let outcome = try GoldenImage.check(image.data, name: name)
        #expect(outcome == .matched || outcome == .updated, "\(outcome)")
    }

    @Test(arguments: [("pacific", "en"), ("north-south", "en")])
    func englishLabelsMatchGolden(name: String, lang: String) throws {
        let scene = Scenarios.all.first { $0.0 == name }!.1
        let image = try TestSupport.renderer.render(scene: scene, options: RenderOptions(language: .en))
        let outcome = try GoldenImage.check(image.data, name: "\(name)-\(lang)")
        #expect(outcome == .matched || outcome == .updated, "\(outcome)")
    }

    @Test(arguments: [("north-south", "minimal", 300, 200, 1), ("north-south", "dark", 800, 600, 1),
                      ("europe-rail", "default", 400, 300, 2)])
    func stylesAndSizesMatchGolden(name: String, style: String, width: Int, height: Int, scale: Int) throws {
        let scene = Scenarios.all.first { $0.0 == name }!.1
        let options = RenderOptions(width: width, height: height, scale: scale, style: style)
        let image = try TestSupport.renderer.render(scene: scene, options: options)
        #expect(image.pixelWidth == width * scale && image.pixelHeight == height * scale)
        let outcome = try GoldenImage.check(image.data, name: "\(name)-\(style)-\(width)x\(height)@\(scale)x")
        #expect(outcome == .matched || outcome == .updated, "\(outcome)")
    }
}
