import Digest
import Foundation
import Gazetteer
import Geo
import Geocoding
import MapRendering
import Testing
@testable import TrackingPage

/// Fixtures: a two-event trace, its scene, and a stand-in SVG with an overlay.
enum PageFixture {
    static let shenzhen = LocatedPlace(name: "深圳市", englishName: "Shenzhen", level: .city, code: nil, country: "CN",
                                       coordinate: Coordinate(lat: 22.54, lon: 114.06), confidence: 0.9, source: .text)
    static let beijing = LocatedPlace(name: "北京市", englishName: "Beijing", level: .city, code: nil, country: "CN",
                                      coordinate: Coordinate(lat: 39.9, lon: 116.4), confidence: 0.9, source: .text)

    static func trace(text: String = "快件到达【北京】") -> GeocodedTrace {
        GeocodedTrace(carrier: "SF", number: "SF1", events: [
            GeocodedEvent(index: 0, time: Date(timeIntervalSince1970: 1_700_000_000), text: "【深圳市】已收取快件",
                          place: shenzhen, next: nil),
            GeocodedEvent(index: 1, time: Date(timeIntervalSince1970: 1_700_050_000), text: text,
                          place: beijing, next: nil),
        ], origin: nil, destination: nil, state: .inTransit)
    }

    static let scene = MapScene(
        stops: [.init(coordinate: shenzhen.coordinate, name: "深圳市", kind: .origin)],
        travelled: [shenzhen.coordinate, beijing.coordinate], remaining: [], current: beijing.coordinate,
        currentName: "北京市", state: .inTransit, lastEventTime: Date(timeIntervalSince1970: 1_700_050_000),
        progress: 0.5, remainingKm: 1200, carrier: "SF", number: "SF1")

    static let map = RenderedImage(
        data: Data("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"560\"></svg>".utf8),
        contentType: "image/svg+xml", pixelWidth: 800, pixelHeight: 560,
        overlay: MapOverlay(width: 800, height: 560, travelled: [.init(x: 100, y: 500), .init(x: 300, y: 100)],
                            remaining: [], current: .init(x: 300, y: 100), zoom: 4, originX: 0, originY: 0))
}

@Test func eventTextIsEscaped() {
    let page = TrackingPage(trace: PageFixture.trace(text: "<script>alert('x')</script>&"), scene: PageFixture.scene,
                            map: PageFixture.map, language: .zh)
    #expect(!page.html.contains("<script>alert"))
    #expect(page.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"))
    // The one script element is ours.
    #expect(page.html.components(separatedBy: "<script>").count == 2)
}

@Test func noExternalResources() {
    let page = TrackingPage(trace: PageFixture.trace(), scene: PageFixture.scene, map: PageFixture.map, language: .en,
                            eventsURL: "/v1/maps/abc/events")
    for attribute in ["src=\"http", "href=\"http", "src='http", "href='http", "url(http", "@import", "src=\"//",
                      "href=\"//"]
    {
        #expect(!page.html.lowercased().contains(attribute), "found \(attribute)")
    }
    #expect(page.html.contains("data-events=\"/v1/maps/abc/events\""))
}

@Test func cspHashMatchesTheInlineScript() throws {
    let html = TrackingPage(trace: PageFixture.trace(), scene: PageFixture.scene, map: PageFixture.map,
                            language: .zh).html
    let start = try #require(html.range(of: "<script>"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let script = String(html[start.upperBound..<end.lowerBound])
    let hash = "sha256-" + Data(SHA256.hash(Array(script.utf8))).base64EncodedString()
    let csp = TrackingPage.contentSecurityPolicy(frameAncestors: ["https://a.example", "https://b.example"])
    #expect(csp.contains("script-src '\(hash)'"))
    #expect(csp.hasPrefix("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "))
    #expect(csp.hasSuffix("; connect-src 'self'; frame-ancestors https://a.example https://b.example"))
    #expect(TrackingPage.contentSecurityPolicy().hasSuffix("frame-ancestors *"))
}

@Test func emptyTraceSaysRouteUnknown() {
    let trace = GeocodedTrace(events: [GeocodedEvent(index: 0, time: Date(timeIntervalSince1970: 0), text: "已揽收",
                                                     place: nil, next: nil)],
                              origin: nil, destination: nil, state: .collected)
    let scene = MapScene(stops: [], travelled: [], remaining: [], current: nil, currentName: nil, state: .collected,
                         lastEventTime: nil, progress: nil, remainingKm: nil)
    let zh = TrackingPage(trace: trace, scene: scene, map: nil, language: .zh).html
    #expect(zh.contains("路线未知"))
    #expect(zh.contains("已揽收"))
    #expect(!zh.contains("id=\"tm-marker\""))
    #expect(!zh.contains("<svg"))
    let en = TrackingPage(trace: trace, scene: scene, map: nil, language: .en).html
    #expect(en.contains("Route unknown"))
}

@Test func timelineIsNewestFirstWithPlaces() throws {
    let html = TrackingPage(trace: PageFixture.trace(), scene: PageFixture.scene, map: PageFixture.map,
                            language: .zh, estimate: "预计 12月3日 下午送达").html
    let newest = try #require(html.range(of: "快件到达【北京】"))
    let oldest = try #require(html.range(of: "【深圳市】已收取快件"))
    #expect(newest.lowerBound < oldest.lowerBound)
    #expect(html.contains("data-x=\""))
    #expect(html.contains("<p class=\"tm-eta\">预计 12月3日 下午送达</p>"))
    #expect(html.contains("offset-path:path(\"M100 500 L300 100\")"))
    #expect(html.contains("prefers-reduced-motion:reduce"))
    #expect(!html.contains("<?xml"))
}
