import Cairo
import Foundation
import Geo
import Gazetteer
import Geocoding
import Testing
@testable import MapRendering

/// Issue 15 §3: the card words progress and distance without contradicting the trace.
@Suite struct CardTextTests {
    static func scene(state: ShipmentState, progress: Double?, remainingKm: Double?, number: String = "SF1") -> MapScene {
        let here = Coordinate(lat: 23.1, lon: 113.3)
        return MapScene(stops: [.init(coordinate: here, name: "广州市", kind: .origin)], travelled: [], remaining: [],
                        current: here, currentName: "广州市", currentEnglishName: "Guangzhou", state: state,
                        lastEventTime: Date(timeIntervalSince1970: 1_764_000_000), lastEventUTCOffset: 8 * 3600,
                        progress: progress, remainingKm: remainingKm, carrier: "SF", number: number)
    }

    @Test func nothingLeftButNotDeliveredSaysArrivedNotZeroPercent() {
        for p in [0.0, 1.0] {
            let card = CardText(scene: Self.scene(state: .outForDelivery, progress: p, remainingKm: 0), language: .zh)
            #expect(card.progressText == "已到达目的城市")
            #expect(card.progress == nil, "no bar that contradicts the words")
        }
        let en = CardText(scene: Self.scene(state: .inTransit, progress: 0, remainingKm: 0.2), language: .en)
        #expect(en.progressText == "In the destination city")
    }

    @Test func anUnknownDestinationIsSaid() {
        let card = CardText(scene: Self.scene(state: .inTransit, progress: nil, remainingKm: nil), language: .zh)
        #expect(card.progressText == "目的地未知")
        let delivered = CardText(scene: Self.scene(state: .delivered, progress: nil, remainingKm: nil), language: .zh)
        #expect(delivered.progressText == nil)
    }

    @Test func progressAndDistanceAreShownWhenThereIsDistanceLeft() {
        let card = CardText(scene: Self.scene(state: .inTransit, progress: 0.62, remainingKm: 420), language: .zh)
        #expect(card.progressText == "已完成 62% · 剩余 420 km")
        #expect(card.progress == 0.62)
    }

    @Test func aLongNumberIsShortenedInTheMiddle() {
        let card = CardText(scene: Self.scene(state: .inTransit, progress: nil, remainingKm: nil,
                                              number: "4PX3001291278502CN0001"), language: .zh)
        #expect(card.subtitle == "SF 4PX30012…02CN0001")
        #expect(CardText.shortenedNumber("SF1400000000001") == "SF1400000000001")
    }

    @Test func aCouriersPickupIsNotDelivery() throws {
        let grammar = try #require(try? CardTextTests.stateOf("【泉州晋江陈埭网点】的业务员已取件"))
        #expect(grammar == .collected)
    }

    static func stateOf(_ text: String) throws -> ShipmentState? {
        let gazetteer = try Gazetteer.load(path: TestSupport.repoRoot.appendingPathComponent("geodata/gazetteer.sqlite").path)
        let data = try JSONSerialization.data(withJSONObject: ["events": [["time": "2026-11-20 10:00:00", "text": text]]])
        return try Geocoder(gazetteer: gazetteer).geocode(data: data).first?.events.first?.state
    }
}

/// Issue 15 §4: a problem parcel gets a problem marker (red, with a "!"), not the normal current marker.
@Suite struct ProblemMarkerTests {
    @Test func aProblemParcelsMarkerIsRed() throws {
        for (state, red) in [(ShipmentState.problem, true), (.inTransit, false)] {
            let scene = CardTextTests.scene(state: state, progress: nil, remainingKm: nil)
            let options = RenderOptions(width: 200, height: 150)
            let image = try TestSupport.renderer.render(scene: scene, options: options)
            let marker = try #require(try TestSupport.renderer.describe(scene: scene, options: options).markers.first { $0.role == "current" })
            // A point on the marker's rim, off the white "!" in its middle.
            let pixel = try ImageSurface(png: image.data).pixel(x: Int(marker.x) - 5, y: Int(marker.y))
            let r = Int((pixel >> 16) & 0xFF), g = Int((pixel >> 8) & 0xFF), b = Int(pixel & 0xFF)
            #expect((r > 150 && g < 100 && b < 100) == red, "\(state): rgb(\(r), \(g), \(b))")
        }
    }
}
