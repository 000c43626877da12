import Foundation
import Testing
import TestSupport
import TrackingPage
@testable import TraceMapService

/// The tracking page and route GeoJSON over the socket: signatures, CSP, ETags, datums, problems.
extension MapServiceTests {
    @Test func storedMapPageIsSignedSelfContainedAndRevalidates() throws {
        let port = try Self.shared.get().server.port
        let created = try exchange(port: port, "POST", "/v1/maps?size=320x240", body: Self.sample)
        let id = try #require(created.json["id"] as? String)
        let unsigned = try exchange(port: port, "GET", "/v1/maps/\(id)/page")
        #expect(unsigned.status == 403 || unsigned.status == 401)
        #expect(unsigned.headers["content-type"]?.hasPrefix("application/problem+json") == true)

        let page = try exchange(port: port, "GET", signed("/v1/maps/\(id)/page?lang=en&style=dark"))
        #expect(page.status == 200, "\(page.text.prefix(300))")
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["set-cookie"] == nil)
        #expect(page.headers["content-security-policy"] == TrackingPage.contentSecurityPolicy(frameAncestors: []))
        #expect(page.text.contains("id=\"tm-marker\""))
        #expect(page.text.contains("<html lang=\"en\""))
        let etag = try #require(page.headers["etag"])
        let again = try exchange(port: port, "GET", signed("/v1/maps/\(id)/page?lang=en&style=dark"),
                                 headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        let badStyle = try exchange(port: port, "GET", signed("/v1/maps/\(id)/page?style=neon"))
        #expect(badStyle.status == 400)
        #expect(badStyle.code == "render.unknown_style")
    }

    @Test func routeGeoJSONInEachDatum() throws {
        let port = try Self.shared.get().server.port
        let created = try exchange(port: port, "POST", "/v1/maps?size=320x240", body: Self.sample)
        let id = try #require(created.json["id"] as? String)
        var etags: Set<String> = []
        for datum in ["wgs84", "gcj02", "bd09"] {
            let answer = try exchange(port: port, "GET", signed("/v1/maps/\(id)/route.geojson?datum=\(datum)"))
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "application/geo+json")
            #expect(answer.json["type"] as? String == "FeatureCollection")
            #expect(answer.json["datum"] as? String == datum)
            etags.insert(answer.headers["etag"] ?? "")
        }
        #expect(etags.count == 3)
        let bad = try exchange(port: port, "GET", signed("/v1/maps/\(id)/route.geojson?datum=mars"))
        #expect(bad.status == 400)
        #expect(bad.headers["content-type"]?.hasPrefix("application/problem+json") == true)
    }

    @Test func shipmentPageAndGeoJSONAreSignedLikeItsMap() throws {
        let port = try Self.shared.get().server.port
        let target = "/v1/shipments/SF/SF7654321098"
        let stored = try exchange(port: port, "PUT", target, body: Self.sample,
                                  headers: [("Authorization", "Bearer \(Self.apiKey)")])
        #expect([200, 201].contains(stored.status), "\(stored.text)")
        let unsigned = try exchange(port: port, "GET", target + "/page")
        #expect(unsigned.status == 403 || unsigned.status == 401)
        let page = try exchange(port: port, "GET", signed(target + "/page"))
        #expect(page.status == 200)
        #expect(page.text.contains("id=\"tm-timeline\""))
        #expect(page.headers["content-security-policy"]?.contains("frame-ancestors *") == true)
        #expect(page.headers["set-cookie"] == nil)
        let etag = try #require(page.headers["etag"])
        let again = try exchange(port: port, "GET", signed(target + "/page"), headers: [("If-None-Match", etag)])
        // Unchanged: 304. The suite's other tests share this server and may deliver shipments meanwhile, which
        // changes the delivery history the ETA (and so the ETag) depends on: then a new page with a new tag.
        #expect(again.status == 304 || (again.status == 200 && again.headers["etag"] != etag), "\(again.status)")
        let geo = try exchange(port: port, "GET", signed(target + "/route.geojson?datum=gcj02"))
        #expect(geo.status == 200)
        #expect(geo.json["datum"] as? String == "gcj02")
        let missing = try exchange(port: port, "GET", signed("/v1/shipments/SF/SF0000000000/page"))
        #expect(missing.status == 404)
    }

    @Test func frameAncestorsComeFromTheEnvironment() throws {
        let config = try ServiceConfig.load(environment: ["TRACEMAP_FRAME_ANCESTORS": "https://a.example, https://b.example"])
        #expect(config.frameAncestors == ["https://a.example", "https://b.example"])
        #expect(try ServiceConfig.load(environment: [:]).frameAncestors.isEmpty)
    }
}

/// Animated maps: the SVG's SMIL marker and the GIF's frames, decoded back.
extension MapServiceTests {
    @Test func animatedSVGAndGIFMaps() throws {
        let port = try Self.shared.get().server.port
        let created = try exchange(port: port, "POST", "/v1/maps?size=320x240", body: Self.sample)
        let id = try #require(created.json["id"] as? String)
        let still = try exchange(port: port, "GET", signed("/v1/maps/\(id).svg"))
        let animated = try exchange(port: port, "GET", signed("/v1/maps/\(id).svg?animate=1"))
        #expect(animated.status == 200)
        #expect(animated.text.contains("<animateMotion"))
        #expect(!still.text.contains("<animateMotion"))
        #expect(animated.headers["etag"] != still.headers["etag"])

        let gif = try exchange(port: port, "GET", signed("/v1/maps/\(id).gif"))
        #expect(gif.status == 200)
        #expect(gif.headers["content-type"] == "image/gif")
        let decoded = try GIFDecoder(Data(gif.body))
        #expect(decoded.width == 320 && decoded.height == 240)
        #expect(decoded.frames.count >= 10)
        #expect(decoded.frames.last?.delay == 300)
        #expect(decoded.frames.first?.screen != decoded.frames.last?.screen)

        let target = "/v1/shipments/SF/SF5555555555"
        _ = try exchange(port: port, "PUT", target, body: Self.sample, headers: [("Authorization", "Bearer \(Self.apiKey)")])
        let shipmentGIF = try exchange(port: port, "GET", signed(target + "/map.gif?size=320x240"))
        #expect(shipmentGIF.status == 200)
        #expect(try GIFDecoder(Data(shipmentGIF.body)).frames.count >= 10)
        let shipmentSVG = try exchange(port: port, "GET", signed(target + "/map.svg?size=320x240&animate=1"))
        #expect(shipmentSVG.text.contains("<animateMotion"))
    }
}
