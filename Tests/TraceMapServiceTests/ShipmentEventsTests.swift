import Foundation
import Geocoding
import Glibc
import HTTPServer
import Pipeline
import TestSupport
import Testing
@testable import TraceMapService

/// Issue 12 §2 over a real socket: `GET /v1/shipments/{c}/{n}/events` sends the current version, then each new
/// one within a second of the PUT that stored it; honours `Last-Event-ID`; sends heartbeats; stays under
/// `maxStreams` without starving ordinary requests; closes on shutdown; is signed like the page.
@Suite(.serialized) struct ShipmentEventsTests {
    static let engine: Result<TraceEngine, any Error> = Result {
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? MapServiceTests.repoRoot.appendingPathComponent("geodata").path
        return try TraceEngine.load(geodataDirectory: geodata)
    }

    /// A started application with a short heartbeat and room for `maxStreams` streams.
    static func application(signingKey: String? = nil, maxStreams: Int = 3) throws -> TraceMapApplication {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-events-tests-\(UUID())").path
        config.signingKey = signingKey
        config.limits.streamHeartbeatInterval = 0.4
        config.limits.maxStreams = maxStreams
        let app = try TraceMapApplication(config: config, engine: try engine.get(), log: { _ in })
        try app.server.start()
        return app
    }

    static let shared: Result<TraceMapApplication, any Error> = Result { try application(maxStreams: 64) }

    static func put(_ port: Int, _ number: String, events: Int) throws -> Int {
        let response = try exchange(port: port, "PUT", "/v1/shipments/sf/\(number)",
                                    body: LimitsGateTests.native(events: events, number: number))
        try #require(response.status / 100 == 2, "PUT answered \(response.status) \(response.text)")
        return try #require(response.json["version"] as? Int)
    }

    /// Opens `/events` (with `Last-Event-ID` when given) and reads the head.
    static func subscribe(_ port: Int, _ target: String, lastEventID: Int? = nil) throws
        -> (TestClient, TestClient.Response)
    {
        let client = try TestClient(port: port)
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        try client.send(request + "\r\n")
        return (client, try client.readStreamHead())
    }

    /// An event block's fields (`id`, `event`, `data`, `retry`; comments under ":").
    static func fields(_ block: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in block.split(separator: "\n") {
            if line.hasPrefix(":") { fields[":"] = String(line.dropFirst()).trimmingCharacters(in: .whitespaces); continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// The next block that is an event (skips heartbeats and retry-only blocks).
    static func nextEvent(_ client: TestClient, timeout: Double = 5) throws -> [String: String] {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            guard let block = try client.readEvent(timeout: end.timeIntervalSinceNow) else { break }
            let parsed = fields(block)
            if parsed["event"] != nil || parsed["data"] != nil { return parsed }
        }
        throw TestClient.Failure(description: "no event within \(timeout) s")
    }

    static func data(_ event: [String: String]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data((event["data"] ?? "").utf8))) as? [String: Any] ?? [:]
    }

    @Test func firstEventIsTheCurrentVersionAndAPutArrivesWithinOneSecond() throws {
        let app = try Self.shared.get()
        let port = app.server.port
        let number = "SF1200000000001"
        let first = try Self.put(port, number, events: 2)
        let (client, head) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events")
        #expect(head.status == 200)
        #expect(head.headers["Content-Type"] == "text/event-stream; charset=utf-8")
        #expect(head.headers["Cache-Control"] == "no-cache")
        let event = try Self.nextEvent(client)
        #expect(event["id"] == String(first))
        #expect(event["event"] == "shipment")
        #expect(event["retry"] == "2000")
        let data = Self.data(event)
        #expect(Set(data.keys) == ["version", "state", "current_place", "progress", "remaining_km", "eta", "updated_at"])
        // The same facts as the shipment JSON (one snapshot builds both).
        let shown = try exchange(port: port, "GET", "/v1/shipments/sf/\(number)").json
        #expect(data["version"] as? Int == shown["version"] as? Int)
        #expect(data["progress"] as? Double == shown["progress"] as? Double)
        #expect(data["remaining_km"] as? Double == shown["remaining_km"] as? Double)
        #expect(data["current_place"] as? String == shown["current_name"] as? String)
        #expect(data["updated_at"] as? String == shown["updated_at"] as? String)
        #expect(app.shipments.notifier.watchCount(try ShipmentKey(carrier: try Carrier.named("sf"), number: number)) == 1)

        let started = Date()
        let second = try Self.put(port, number, events: 4)
        let next = try Self.nextEvent(client, timeout: 2)
        let latency = Date().timeIntervalSince(started)
        print("event latency after PUT: \(Int(latency * 1000)) ms (PUT included)")
        #expect(latency < 1, "the event came \(latency) s after the PUT")
        #expect(next["id"] == String(second))
        #expect(Self.data(next)["version"] as? Int == second)
        // An unchanged PUT stores no new version and sends nothing.
        #expect(try Self.put(port, number, events: 4) == second)
        let block = try #require(try client.readEvent(timeout: 2))
        #expect(block == ": keep-alive")
    }

    @Test func lastEventIDOfTheCurrentVersionIsNotResent() throws {
        let port = try Self.shared.get().server.port
        let number = "SF1200000000002"
        let version = try Self.put(port, number, events: 2)
        let (client, _) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events", lastEventID: version)
        #expect(try client.readEvent() == "retry: 2000")
        #expect(try client.readEvent(timeout: 2) == ": keep-alive")  // nothing resent before the heartbeat
        let newer = try Self.put(port, number, events: 3)
        #expect(try Self.nextEvent(client, timeout: 2)["id"] == String(newer))

        // An older Last-Event-ID gets the current version at once.
        let (behind, _) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events", lastEventID: version)
        #expect(try Self.nextEvent(behind, timeout: 2)["id"] == String(newer))
    }

    @Test func importTraceWakesTheStreamToo() throws {
        let app = try Self.shared.get()
        let number = "SF1200000000008"
        _ = try Self.put(app.server.port, number, events: 1)
        let (client, _) = try Self.subscribe(app.server.port, "/v1/shipments/sf/\(number)/events")
        _ = try Self.nextEvent(client)
        let (_, outcome) = try app.shipments.importTrace(Data(LimitsGateTests.native(events: 3, number: number)))
        #expect(try Self.nextEvent(client, timeout: 1)["id"] == String(outcome.version))
    }

    @Test func heartbeatsComeAtTheConfiguredInterval() throws {
        let port = try Self.shared.get().server.port
        let number = "SF1200000000003"
        _ = try Self.put(port, number, events: 1)
        let (client, _) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events")
        _ = try Self.nextEvent(client)
        for _ in 0..<2 {
            let started = Date()
            #expect(try client.readEvent(timeout: 2) == ": keep-alive")
            let gap = Date().timeIntervalSince(started)
            #expect(gap > 0.15 && gap < 1.2, "heartbeat gap \(gap) s")
        }
    }

    @Test func unknownShipmentIs404AndTheRouteHasATemplate() throws {
        let port = try Self.shared.get().server.port
        let response = try exchange(port: port, "GET", "/v1/shipments/sf/SF1299999999999/events")
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(response.code == "shipment.not_found")
        #expect(ShipmentService.route(for: "/v1/shipments/sf/SF1/events") == "/v1/shipments/{carrier}/{number}/events")
        #expect(try exchange(port: port, "POST", "/v1/shipments/sf/SF1/events").status == 405)
    }

    @Test func streamsOverMaxStreamsGet503WhileHealthzStaysFast() throws {
        let app = try Self.application(maxStreams: 3)
        defer { app.server.shutdown(deadline: 2) }
        let port = app.server.port
        let number = "SF1200000000004"
        _ = try Self.put(port, number, events: 2)
        let open = try (0..<3).map { _ in
            let (client, head) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events")
            #expect(head.status == 200)
            _ = try Self.nextEvent(client)
            return client
        }
        let refused = try exchange(port: port, "GET", "/v1/shipments/sf/\(number)/events")
        #expect(refused.status == 503)
        #expect(refused.code == "http.overloaded")
        #expect(refused.text.contains("maxStreams 3"))
        var slowest = 0.0
        for _ in 0..<20 {
            let started = Date()
            #expect(try exchange(port: port, "GET", "/healthz").status == 200)
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        print("slowest /healthz of 20 with 3 streams open: \(Int(slowest * 1000)) ms")
        #expect(slowest < 0.2)
        #expect(app.server.server.openStreams == 3)
        let metrics = try exchange(port: port, "GET", "/metrics").text
        #expect(metrics.contains("tracemap_http_open_streams 3"))
        #expect(metrics.contains("tracemap_http_streams_refused_total 1"))
        _ = open
    }

    @Test func shutdownClosesStreamsAtOnce() throws {
        let app = try Self.application()
        let port = app.server.port
        let number = "SF1200000000005"
        _ = try Self.put(port, number, events: 2)
        let clients = try (0..<2).map { _ in
            let (client, _) = try Self.subscribe(port, "/v1/shipments/sf/\(number)/events")
            _ = try Self.nextEvent(client)
            return client
        }
        let started = Date()
        let graceful = app.server.shutdown(deadline: 5)
        let took = Date().timeIntervalSince(started)
        print("shutdown with 2 streams open: \(Int(took * 1000)) ms")
        #expect(graceful)
        #expect(took < 2)
        for client in clients {
            var blocks = 0
            while try client.readEvent(timeout: 2) != nil && blocks < 10 { blocks += 1 }  // then the last chunk
            #expect(blocks < 10)
            #expect(client.isClosedByPeer(timeout: 2))
        }
        #expect(app.shipments.notifier.isWatched(try ShipmentKey(carrier: try Carrier.named("sf"), number: number)) == false)
    }

    @Test func signedLikeThePageWhoseEventsURLWorks() throws {
        let app = try Self.application(signingKey: "k")
        defer { app.server.shutdown(deadline: 2) }
        let port = app.server.port
        let number = "SF1200000000006"
        _ = try Self.put(port, number, events: 2)
        let signer = URLSigner(key: "k")
        let expires = Int(Date().timeIntervalSince1970) + 600
        #expect(try exchange(port: port, "GET", "/v1/shipments/sf/\(number)/events").status == 403)
        let forged = "/v1/shipments/sf/\(number)/events?" + signer.sign("/v1/shipments/sf/\(number)/page", expires: expires)
            .split(separator: "?")[1]
        #expect(try exchange(port: port, "GET", forged).code == "auth.bad_signature")  // a page sig is not an events sig
        let page = try exchange(port: port, "GET", signer.sign("/v1/shipments/sf/\(number)/page?lang=en", expires: expires))
        #expect(page.status == 200)
        let marker = "data-events=\""
        let start = try #require(page.text.range(of: marker)).upperBound
        let events = String(page.text[start...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        #expect(events == signer.sign("/v1/shipments/sf/\(number)/events", expires: expires))
        let (client, head) = try Self.subscribe(port, events)
        #expect(head.status == 200)
        #expect(try Self.nextEvent(client)["event"] == "shipment")
    }

    @Test func unsignedPageNamesItsEventsPathAndScriptListensForShipmentEvents() throws {
        let port = try Self.shared.get().server.port
        let number = "SF1200000000007"
        _ = try Self.put(port, number, events: 2)
        let page = try exchange(port: port, "GET", "/v1/shipments/sf/\(number)/page")
        #expect(page.text.contains("data-events=\"/v1/shipments/sf/\(number)/events\""))
        #expect(page.text.contains("addEventListener(\"shipment\""))
        #expect(page.text.contains("If-None-Match"))
    }
}
