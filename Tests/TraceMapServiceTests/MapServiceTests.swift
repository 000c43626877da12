import Foundation
import HTTPServer
import Pipeline
import Testing
@testable import TraceMapService

/// The whole application over a real loopback socket: render, geocode, stored maps with signatures and caching
/// headers, the home page, health, metrics, problem bodies and a shipments route. Uses the repository's geodata
/// (or `TRACEMAP_GEODATA_DIR`) and small images so it stays quick.
@Suite(.serialized) struct MapServiceTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let signingKey = "map-test-signing-key"
    static let apiKey = "map-test-api-key"

    /// One application for the suite (loading the geodata is the slow part), started on a free port.
    static let shared: Result<TraceMapApplication, any Error> = Result {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-service-tests-\(UUID())").path
        config.signingKey = signingKey
        config.apiKey = apiKey
        config.maxEvents = 50
        config.maxImagePixels = 1_000_000
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? repoRoot.appendingPathComponent("geodata").path
        let app = try TraceMapApplication(config: config, engine: try TraceEngine.load(geodataDirectory: geodata),
                                          samplesDirectory: repoRoot.appendingPathComponent("geodata/samples").path,
                                          log: { _ in })
        try app.server.start()
        return app
    }

    static var sample: [UInt8] {
        Array(FileManager.default.contents(atPath: repoRoot
            .appendingPathComponent("geodata/samples/kdniao-query-sf-shenzhen-beijing.json").path) ?? Data())
    }

    /// A native trace with `count` events.
    static func nativeTrace(events count: Int) -> [UInt8] {
        let events = (0..<count).map { index in
            #"{"time":"2026-11-25T\#(String(format: "%02d", index % 24)):00:00+08:00","text":"快件已到达【武汉分拨中心】"}"#
        }
        return Array(#"{"carrier":"JD","number":"JD1","events":[\#(events.joined(separator: ","))]}"#.utf8)
    }

    func signed(_ path: String, expires: Int = Int(Date().timeIntervalSince1970) + 600,
                key: String = MapServiceTests.signingKey) -> String {
        URLSigner(key: key).sign(path, expires: expires)
    }

    @Test func renderAnswersAnImageWithAnETagAnd304() throws {
        let app = try Self.shared.get()
        let first = try exchange(port: app.server.port, "POST", "/v1/render?size=320x240", body: Self.sample)
        #expect(first.status == 200)
        #expect(first.headers["content-type"] == "image/png")
        #expect(first.pngSize.map { [$0.0, $0.1] } == [320, 240])
        let etag = try #require(first.headers["etag"])
        let again = try exchange(port: app.server.port, "POST", "/v1/render?size=320x240", body: Self.sample,
                                 headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.headers["etag"] == etag)
        let hitsBefore = app.server.cache.statistics.hits
        let cached = try exchange(port: app.server.port, "POST", "/v1/render?size=320x240", body: Self.sample)
        #expect(cached.body == first.body)
        #expect(app.server.cache.statistics.hits == hitsBefore + 1)
        let other = try exchange(port: app.server.port, "POST", "/v1/render?size=320x240&lang=en&format=svg",
                                 body: Self.sample)
        #expect(other.status == 200)
        #expect(other.headers["content-type"] == "image/svg+xml")
        #expect(other.headers["etag"] != etag)
    }

    @Test func badRequestsGetProblemDocuments() throws {
        let port = try Self.shared.get().server.port
        let cases: [(String, String, [UInt8], Int, String)] = [
            ("POST", "/v1/render", Array("not json at all".utf8), 400, "trace.invalid_json"),
            ("POST", "/v1/render?size=5000x5000", Self.sample, 400, "render.size_too_large"),
            // 800×600 at scale 2 is 1.92 Mpx, over this suite's maxImagePixels of 1 Mpx.
            ("POST", "/v1/render?size=800x600&scale=2", Self.sample, 400, "render.size_too_large"),
            ("POST", "/v1/render?size=big", Self.sample, 400, "render.invalid_size"),
            ("POST", "/v1/render?style=nope", Self.sample, 400, "render.unknown_style"),
            ("POST", "/v1/render?size=320x240", Self.nativeTrace(events: 51), 400, "trace.too_many_events"),
            ("POST", "/v1/geocode", Array("[1,2".utf8), 400, "trace.invalid_json"),
            ("POST", "/v1/maps?style=nope", Self.sample, 400, "render.unknown_style"),
            ("POST", "/v1/maps", Array("{}".utf8), 422, "trace.unknown_format"),
            ("GET", "/v1/nothing", [], 404, "http.not_found"),
            ("DELETE", "/v1/maps", [], 405, "http.method_not_allowed"),
        ]
        for (method, target, body, status, code) in cases {
            let answer = try exchange(port: port, method, target, body: body)
            #expect(answer.status == status, "\(method) \(target)")
            #expect(answer.code == code, "\(method) \(target): \(answer.text)")
            #expect(answer.headers["content-type"] == "application/problem+json", "\(method) \(target)")
        }
        let within = try exchange(port: port, "POST", "/v1/render?size=320x240", body: Self.nativeTrace(events: 50))
        #expect(within.status == 200)
    }

    @Test func geocodeAnswersGeocodeJSON() throws {
        let port = try Self.shared.get().server.port
        let answer = try exchange(port: port, "POST", "/v1/geocode", body: Self.sample)
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == "application/json")
        let events = try #require(answer.json["events"] as? [[String: Any]])
        #expect(!events.isEmpty)
        #expect(events.contains { $0["place"] is [String: Any] })
        #expect(answer.json["state"] != nil)
    }

    @Test func storedMapsAreSignedImmutableAndContentAddressed() throws {
        let app = try Self.shared.get()
        let port = app.server.port
        let created = try exchange(port: port, "POST", "/v1/maps?size=320x240", body: Self.sample)
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        let url = try #require(created.json["url"] as? String)
        #expect(url.hasPrefix("/v1/maps/\(id).png?exp="))
        #expect(url.contains("&sig="))
        #expect(created.headers["location"] == "/v1/maps/\(id).png")
        let repeated = try exchange(port: port, "POST", "/v1/maps?size=320x240", body: Self.sample)
        #expect(repeated.json["id"] as? String == id)
        let otherOptions = try exchange(port: port, "POST", "/v1/maps?size=320x240&lang=en", body: Self.sample)
        #expect(otherOptions.json["id"] as? String != id)

        let map = try exchange(port: port, "GET", url)
        #expect(map.status == 200)
        #expect(map.pngSize.map { [$0.0, $0.1] } == [320, 240])
        #expect(map.headers["cache-control"] == "public, max-age=31536000, immutable")
        let etag = try #require(map.headers["etag"])
        let head = try exchange(port: port, "HEAD", url)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(map.body.count))
        #expect(head.headers["etag"] == etag)
        let notModified = try exchange(port: port, "GET", url, headers: [("If-None-Match", etag)])
        #expect(notModified.status == 304)
        #expect(notModified.headers["cache-control"] == "public, max-age=31536000, immutable")

        let path = "/v1/maps/\(id).png"
        let now = Int(Date().timeIntervalSince1970)
        let refused: [(String, String)] = [
            (path, "auth.bad_signature"),
            (signed(path, key: "another-key"), "auth.bad_signature"),
            (signed(path, expires: now - 5), "auth.expired"),
            (signed(path + "?size=320x240").replacingOccurrences(of: "320x240", with: "321x240"), "auth.bad_signature"),
            (signed(path) + "&size=640x480", "auth.bad_signature"),
        ]
        for (target, code) in refused {
            let answer = try exchange(port: port, "GET", target)
            #expect(answer.status == 403, "\(target)")
            #expect(answer.code == code, "\(target)")
        }

        let overridden = try exchange(port: port, "GET", signed(path + "?size=200x150&scale=2"))
        #expect(overridden.status == 200)
        #expect(overridden.pngSize.map { [$0.0, $0.1] } == [400, 300])
        #expect(overridden.headers["etag"] != etag)
        let svg = try exchange(port: port, "GET", signed("/v1/maps/\(id).svg"))
        #expect(svg.status == 200)
        #expect(svg.headers["content-type"] == "image/svg+xml")
        let missing = try exchange(port: port, "GET", signed("/v1/maps/\(String(repeating: "0", count: 24)).png"))
        #expect(missing.status == 404)
        #expect(missing.code == "http.not_found")
        let tooBig = try exchange(port: port, "GET", signed(path + "?size=2000x2000"))
        #expect(tooBig.code == "render.size_too_large")
        #expect(try app.maps.store.get(id)?.trace == Data(Self.sample))
    }

    @Test func homePageShowsSignedExampleMaps() throws {
        let app = try Self.shared.get()
        let page = try exchange(port: app.server.port, "GET", "/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(app.home.examples.count == 3)
        #expect(page.text.contains("<form"))
        let sources = page.text.components(separatedBy: "<img src=\"").dropFirst()
            .map { $0.prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&") }
        #expect(sources.count == app.home.examples.count)
        let first = try #require(sources.first)
        #expect(first.contains("sig="))
        let image = try exchange(port: app.server.port, "GET", first)
        #expect(image.status == 200)
        #expect(image.isPNG)
    }

    @Test func healthAndMetrics() throws {
        let app = try Self.shared.get()
        let health = try exchange(port: app.server.port, "GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.json["live"] as? Bool == true)
        #expect(health.json["ready"] as? Bool == true)
        #expect(health.json["geodata"] as? Bool == true)
        #expect(health.json["data_version"] as? String == app.engine.dataVersion)
        _ = try exchange(port: app.server.port, "POST", "/v1/render?size=300x200", body: Self.sample)
        let metrics = try exchange(port: app.server.port, "GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"tracemap_http_requests_total{route="/v1/render",method="POST",status="200"}"#))
        #expect(metrics.text.contains("# TYPE tracemap_render_duration_seconds histogram"))
        #expect(!metrics.text.contains("tracemap_render_duration_seconds_count 0\n"))
        #expect(metrics.text.contains("tracemap_cache_misses_total"))
        #expect(metrics.text.contains("tracemap_http_open_connections"))
    }

    @Test func shipmentsAreMountedWithTheirAPIKey() throws {
        let port = try Self.shared.get().server.port
        let target = "/v1/shipments/SF/SF1234567890"
        let unauthorised = try exchange(port: port, "PUT", target, body: Self.sample)
        #expect(unauthorised.status == 401)
        let stored = try exchange(port: port, "PUT", target, body: Self.sample,
                                  headers: [("Authorization", "Bearer \(Self.apiKey)")])
        #expect([200, 201].contains(stored.status), "\(stored.text)")
        let shown = try exchange(port: port, "GET", target)
        #expect(shown.status == 200)
        #expect(shown.json["state"] != nil)
        #expect(shown.json["number"] as? String == "SF1234567890")
        let map = try exchange(port: port, "GET", signed(target + "/map.png?size=320x240"))
        #expect(map.status == 200)
        #expect(map.isPNG)
        let wrongMethod = try exchange(port: port, "DELETE", target)
        #expect(wrongMethod.status == 405)
    }
}
