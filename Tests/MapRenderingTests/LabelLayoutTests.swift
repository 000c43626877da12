import Cairo
import Foundation
import Geo
import Geocoding
import Routing
import Testing
@testable import MapRendering

/// A small deterministic generator (SplitMix64) so the random routes are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct LabelLayoutTests {
    static let names = ["广州白云转运中心", "北京", "上海浦东新区", "武汉", "成都双流", "乌鲁木齐集散中心", "杭州", "深圳",
                        "哈尔滨市", "洛杉矶国际机场", "拉萨", "昆明", "Almaty", "呼和浩特市", "郑州航空港区"]

    func layout(_ scene: MapScene, options: RenderOptions) throws -> MapLayout {
        let surface = try ImageSurface(format: .rgb24, width: 4, height: 4)
        let cr = try Context(surface: surface)
        cr.setMapTextRendering()
        let style = try TestSupport.styles.style(named: options.style)
        return MapLayout(scene: scene, style: style, options: options, detail: .default, language: options.language,
                         basemap: TestSupport.basemap, measure: cr)
    }

    @Test func randomRoutesNeverCollide() throws {
        var rng = SplitMix64(state: 42)
        let sizes = [(800, 600), (300, 200), (640, 640), (1024, 400), (400, 900)]
        var placedTotal = 0
        for round in 0..<150 {
            let count = Int.random(in: 1...9, using: &rng)
            // Clustered or spread over China, sometimes abroad.
            let spread = [0.3, 3.0, 15.0][round % 3]
            let centre = Coordinate(lat: Double.random(in: 22...45, using: &rng), lon: Double.random(in: 95...125, using: &rng))
            var cities: [Scenarios.City] = []
            for i in 0..<count {
                cities.append(Scenarios.City(name: Self.names[(round + i) % Self.names.count], en: "City \(i)",
                                             lat: centre.lat + Double.random(in: -spread...spread, using: &rng),
                                             lon: centre.lon + Double.random(in: -spread...spread, using: &rng)))
            }
            let scene = Scenarios.scene(cities, currentIndex: Int.random(in: 0..<count, using: &rng),
                                        leftFor: Bool.random(using: &rng), state: .inTransit)
            let (w, h) = sizes[round % sizes.count]
            let style = ["default", "dark", "minimal"][round % 3]
            let options = RenderOptions(width: w, height: h, style: style, language: round % 4 == 0 ? .en : .zh)
            let l = try layout(scene, options: options)
            let bounds = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
            for (i, a) in l.labels.enumerated() {
                #expect(bounds.contains(a.rect), "round \(round): label '\(a.text)' leaves the image")
                for b in l.labels[(i + 1)...] {
                    #expect(!a.rect.intersects(b.rect), "round \(round): '\(a.text)' overlaps '\(b.text)'")
                }
                for m in l.markers {
                    #expect(!a.rect.intersects(m.rect), "round \(round): '\(a.text)' covers a \(m.role) marker")
                }
                if let card = l.card { #expect(!a.rect.intersects(card.rect), "round \(round): '\(a.text)' under the card") }
            }
            placedTotal += l.labels.count
        }
        #expect(placedTotal > 300)  // the check is not vacuous: most routes get labels
    }

    @Test func sameCityDoesNotZoomIntoStreets() throws {
        let scene = Scenarios.all.first { $0.0 == "same-city" }!.1
        let l = try layout(scene, options: RenderOptions())
        #expect(l.viewport.zoom == MapDetail.default.maxZoom)
    }

    @Test func pacificRouteCrossesTheAntimeridianNotEurasia() throws {
        let scene = Scenarios.all.first { $0.0 == "pacific" }!.1
        let l = try layout(scene, options: RenderOptions())
        // The view is centred over the Pacific and both ends are inside the image.
        #expect(abs(l.viewport.centre.lon) > 150)
        for marker in l.markers {
            #expect(marker.x > 0 && marker.x < 800 && marker.y > 0 && marker.y < 600)
        }
        let xs = l.markers.map(\.x)
        #expect(xs.max()! - xs.min()! > 400)
    }

    @Test func degenerateScenesRender() throws {
        let one = Scenarios.scene([Scenarios.wuhan], currentIndex: 0, state: .collected)
        let same = Scenarios.scene([Scenarios.wuhan, Scenarios.wuhan, Scenarios.wuhan], currentIndex: 1, state: .inTransit)
        var onlyDestination = MapScene(stops: [MapScene.Stop(coordinate: Scenarios.beijing.coordinate, name: "北京市",
                                                             kind: .destination)],
                                       travelled: [], remaining: [], current: nil, currentName: nil, state: .collected,
                                       lastEventTime: nil, progress: nil, remainingKm: nil)
        onlyDestination.carrier = "ZTO"
        for scene in [one, same, onlyDestination] {
            let l = try layout(scene, options: RenderOptions())
            #expect(l.viewport.zoom == MapDetail.default.maxZoom)
            #expect(!l.labels.isEmpty)
            for format in RenderOptions.Format.allCases {
                let image = try TestSupport.renderer.render(scene: scene, options: RenderOptions(format: format))
                #expect(image.data.count > 1000)
            }
        }
    }

    @Test func unknownRouteShowsChinaAndSaysSo() throws {
        let scene = Scenarios.all.first { $0.0 == "no-places" }!.1
        let l = try layout(scene, options: RenderOptions())
        #expect(l.card?.text.title == "路线未知")
        #expect(l.viewport.centre.lon > 95 && l.viewport.centre.lon < 115)
        #expect(l.markers.isEmpty)
        let onlyContext = l.labels.allSatisfy { $0.isContext }
        #expect(onlyContext)  // only province names, no stops
    }
}

@Suite struct UnknownRouteTests {
    @Test func knownEndsWithoutPlacedEventsShowTheEndsAndSayTheRouteIsUnknown() throws {
        let origin = Scenarios.place(Scenarios.hangzhou), destination = Scenarios.place(Scenarios.chengdu)
        let trace = GeocodedTrace(events: [GeocodedEvent(index: 0, time: TestSupport.date("2024-05-01T08:00:00+08:00"),
                                                         text: "快件已发出", place: nil, next: nil)],
                                  origin: origin, destination: destination, state: .inTransit)
        let scene = MapScene(route: RouteBuilder.build(trace: trace), trace: trace)
        #expect(scene.isUnknown)
        #expect(scene.stops.count == 2)
        #expect(CardText(scene: scene, language: .en).title == "Route unknown")
        let image = try TestSupport.renderer.render(scene: scene, options: RenderOptions(width: 400, height: 300))
        #expect(image.data.count > 1000)
    }
}
