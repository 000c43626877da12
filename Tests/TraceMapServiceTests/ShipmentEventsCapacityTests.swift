import Foundation
import HTTPServer
import Pipeline
import TestSupport
import Testing
@testable import TraceMapService

/// Issue 12 §2's measurement: with `maxStreams` idle event streams open on one server, `GET /healthz` and a cached
/// shipment map stay under 50 ms p99. `TRACEMAP_SSE_IDLE_CLIENTS` sets how many (default 256, the default limit).
@Suite(.serialized) struct ShipmentEventsCapacityTests {
    static func p99(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
    }

    @Test func idleStreamsLeaveHealthzAndCachedMapsFast() throws {
        let clients = ProcessInfo.processInfo.environment["TRACEMAP_SSE_IDLE_CLIENTS"].flatMap(Int.init) ?? 256
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-events-capacity-\(UUID())").path
        config.limits.maxStreams = clients
        config.limits.maxConnections = max(config.limits.maxConnections, clients + 64)
        let app = try TraceMapApplication(config: config, engine: try ShipmentEventsTests.engine.get(), log: { _ in })
        try app.server.start()
        defer { app.server.shutdown(deadline: 5) }
        let port = app.server.port
        let number = "SF1200000000100"
        _ = try ShipmentEventsTests.put(port, number, events: 3)
        let map = "/v1/shipments/sf/\(number)/map.png?size=320x240"
        #expect(try exchange(port: port, "GET", map).status == 200)  // rendered once, cached from now on

        var streams: [TestClient] = []
        streams.reserveCapacity(clients)
        for _ in 0..<clients {
            let (client, head) = try ShipmentEventsTests.subscribe(port, "/v1/shipments/sf/\(number)/events")
            try #require(head.status == 200)
            _ = try ShipmentEventsTests.nextEvent(client)
            streams.append(client)
        }
        #expect(app.server.server.openStreams == clients)

        var health: [Double] = [], maps: [Double] = []
        for _ in 0..<200 {
            var started = Date()
            #expect(try exchange(port: port, "GET", "/healthz").status == 200)
            health.append(Date().timeIntervalSince(started))
            started = Date()
            #expect(try exchange(port: port, "GET", map).status == 200)
            maps.append(Date().timeIntervalSince(started))
        }
        let healthP99 = Self.p99(health) * 1000, mapP99 = Self.p99(maps) * 1000
        print("with \(clients) idle event streams: /healthz p99 \(String(format: "%.1f", healthP99)) ms, "
              + "cached map p99 \(String(format: "%.1f", mapP99)) ms")
        #expect(healthP99 < 50)
        #expect(mapP99 < 50)

        // One PUT still reaches every stream within a second.
        let started = Date()
        _ = try ShipmentEventsTests.put(port, number, events: 4)
        for client in streams { _ = try ShipmentEventsTests.nextEvent(client, timeout: 2) }
        let fanOut = Date().timeIntervalSince(started)
        print("one PUT reached all \(clients) streams in \(Int(fanOut * 1000)) ms")
        #expect(fanOut < 1)
    }
}
