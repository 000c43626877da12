import Cairo
import Foundation
import Geo
import Geocoding
import Testing
@testable import MapRendering

/// Markers carry meaning (issue 15 §4): a refused address is not the sender's pin, a delivered parcel's pin does
/// not cover a pulse.
struct MarkerMeaningTests {
    static let guangzhou = Coordinate(lat: 23.129, lon: 113.264)
    static let changsha = Coordinate(lat: 28.228, lon: 112.939)
    static let wuhan = Coordinate(lat: 30.593, lon: 114.305)

    /// Guangzhou → Wuhan, refused there, back through Changsha towards the sender in Guangzhou.
    static var returning: MapScene {
        var refused = MapScene.Stop(coordinate: wuhan, name: "武汉", kind: .destination)
        refused.isRefused = true
        var scene = MapScene(
            stops: [MapScene.Stop(coordinate: guangzhou, name: "广州", kind: .origin), refused,
                    MapScene.Stop(coordinate: changsha, name: "长沙", kind: .hub),
                    MapScene.Stop(coordinate: Coordinate(lat: 23.2, lon: 113.3), name: "广州白云", kind: .destination)],
            travelled: [guangzhou, wuhan, changsha], remaining: [changsha, Coordinate(lat: 23.2, lon: 113.3)],
            current: changsha, currentName: "长沙", state: .returning, lastEventTime: nil, progress: 0.7,
            remainingKm: 500)
        scene.carrier = "顺丰速运"
        return scene
    }

    static func rgb(_ image: RenderedImage, x: Double, y: Double) throws -> (Int, Int, Int) {
        let pixel = try ImageSurface(png: image.data).pixel(x: Int(x), y: Int(y))
        return (Int((pixel >> 16) & 0xFF), Int((pixel >> 8) & 0xFF), Int(pixel & 0xFF))
    }

    @Test func aRefusedAddressIsGreyAndTheSendersPinIsNot() throws {
        let options = RenderOptions(card: false)
        let image = try TestSupport.renderer.render(scene: Self.returning, options: options)
        let pins = try TestSupport.renderer.describe(scene: Self.returning, options: options).markers
            .filter { $0.role == "destination" }
        #expect(pins.count == 2)
        let size = try TestSupport.styles.style(named: "default").destination.size
        var colours: [(Int, Int, Int)] = []
        for pin in pins {
            // The pin's head, beside its white centre.
            colours.append(try Self.rgb(image, x: pin.x - size * 0.28, y: pin.y - size * 0.64))
        }
        let grey = colours.filter { abs($0.0 - $0.1) < 20 && abs($0.1 - $0.2) < 20 && $0.0 < 160 }
        #expect(grey.count == 1, "one grey (refused) pin: \(colours)")
    }
}

/// The card's time zone (issue 15 §4): never "UTC+8" for a foreign event that came without an offset.
struct CardTimeZoneTests {
    @Test func aForeignEventWithoutAnOffsetNamesNoZone() throws {
        // Chengdu → Duisburg, now at Almaty; the scenario's events carry no offset of their own (+8 assumed).
        let scene = try #require(Scenarios.all.first { $0.0 == "europe-rail" }?.1)
        #expect(!scene.lastEventZoneKnown)
        let card = CardText(scene: scene, language: .zh)
        let update = try #require(card.lines.first { $0.hasPrefix("最后更新") })
        #expect(!update.contains("UTC"), "\(update)")
        // At home the offset is named.
        let home = try #require(Scenarios.all.first { $0.0 == "north-south" }?.1)
        #expect(home.lastEventZoneKnown)
        #expect(CardText(scene: home, language: .zh).lines.contains { $0.hasSuffix("UTC+8") })
        #expect(CardText.format(Date(timeIntervalSince1970: 0), offset: 3600, zone: false) == "1970-01-01 01:00")
    }
}

/// The minimal style and English typesetting (issue 15 §4).
struct MinimalAndEnglishTests {
    @Test func minimalStillSaysAReturnOrAProblemInAPill() throws {
        for (state, pill) in [(ShipmentState.returning, true), (.problem, true), (.inTransit, false)] {
            var scene = MarkerMeaningTests.returning
            scene.state = state
            let d = try TestSupport.renderer.describe(scene: scene, options: RenderOptions(width: 300, height: 200,
                                                                                          style: "minimal"))
            #expect((d.card != nil) == pill, "\(state)")
        }
    }

    @Test func aTypographicApostropheIsSetPlain() {
        #expect(MapLayout.typeset("Xi’an") == "Xi'an")
        #expect(MapLayout.typeset("广州") == "广州")
    }
}
