import Foundation
import Gazetteer
import Geocoding
import Routing
import Testing
@testable import MapRendering

/// The evaluation set's scenario traces (Fixtures/traces), end to end: geocoded with the real gazetteer, routed,
/// rendered at 800×600 and compared with reference images.
@Suite struct TraceGoldenTests {
    static let geocoder: Geocoder = {
        Geocoder(gazetteer: try! Gazetteer.load(path: TestSupport.repoRoot.appendingPathComponent("geodata/gazetteer.sqlite").path))
    }()

    static let names = ["same-city", "neighbouring-provinces", "north-south", "cross-border-us", "europe-rail",
                        "delivered", "problem-returned", "no-places", "one-stop", "all-same-place"]

    static func scene(_ name: String) throws -> MapScene {
        let url = TestSupport.fixtures.appendingPathComponent("traces/\(name).json")
        let trace = try geocoder.geocode(data: Data(contentsOf: url))[0]
        return MapScene(route: RouteBuilder.build(trace: trace), trace: trace)
    }

    @Test(arguments: names)
    func traceMatchesGolden(name: String) throws {
        let image = try TestSupport.renderer.render(scene: Self.scene(name), options: RenderOptions())
        let outcome = try GoldenImage.check(image.data, name: "trace-\(name)")
        #expect(outcome == .matched || outcome == .updated, "\(outcome)")
    }

    /// The structure the pixels are compared for, checked as data (issue 15 §5): no two labels overlap, every
    /// placed route marks where the parcel is, the card names the scene's current place.
    @Test(arguments: names)
    func sceneStructureHolds(name: String) throws {
        let scene = try Self.scene(name)
        for options in [RenderOptions(), RenderOptions(width: 400, height: 300), RenderOptions(scale: 2)] {
            let d = try TestSupport.renderer.describe(scene: scene, options: options)
            #expect(!d.hasOverlappingLabels, "\(name) \(options.width)x\(options.height)@\(options.scale): \(d.labels.map(\.text))")
            let k = Double(options.scale)
            for label in d.labels {
                #expect(label.x >= 0 && label.y >= 0 && label.x + label.width <= Double(options.width) * k + 0.5
                        && label.y + label.height <= Double(options.height) * k + 0.5, "\(name): \(label.text) outside the map")
            }
            guard !scene.isUnknown else { continue }
            // Where the parcel is: the pulse, or, once delivered at its destination, the destination pin alone (the
            // pin never covers the pulse, issue 15 §4).
            if scene.state == .delivered {
                let currents = d.markers.filter { $0.role == "current" }
                let pins = d.markers.filter { $0.role == "destination" }
                #expect(!currents.contains { c in pins.contains { abs($0.x - c.x) < 3 * k && abs($0.y - c.y) < 3 * k } },
                        "\(name): the pin covers the pulse")
                #expect(d.markers.contains { $0.role == "current" || $0.role == "destination" }, "\(name): where is it?")
            } else {
                #expect(d.markers.contains { $0.role == "current" }, "\(name): no current marker")
            }
            if options.width >= 800 {
                #expect(d.labels.contains { $0.role == "current" || $0.role == "origin" || $0.role == "destination" },
                        "\(name): no route label")
                #expect(d.card?.place == scene.currentName)
            }
        }
    }

    @Test func crossBorderViewSpansThePacific() throws {
        let scene = try Self.scene("cross-border-us")
        let lons = (scene.travelled + scene.remaining).map(\.lon)
        #expect(!lons.isEmpty)
        // Continuous over the antimeridian: Shanghai (121°E) to Los Angeles (118°W) as 121° → 242°, not −118°.
        #expect((lons.max() ?? 0) > 180)
    }

    @Test func noPlacesSaysTheRouteIsUnknown() throws {
        let scene = try Self.scene("no-places")
        #expect(scene.isUnknown)
        #expect(CardText(scene: scene, language: .zh).title == "路线未知")
    }
}
