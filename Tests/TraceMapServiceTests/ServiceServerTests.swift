import Foundation
import HTTPServer
import Synchronization
import Testing
@testable import TraceMapService

/// The service shell over a real socket: built-in /healthz and /metrics, routing, signatures and the log.
@Suite(.serialized) struct ServiceServerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    func makeService(geodata: Bool, log: Lines) throws -> ServiceServer {
        var config = ServiceConfig()
        config.port = 0
        config.signingKey = "service-key"
        config.limits.workerCount = 2
        var router = Router()
        let signer = URLSigner(key: "service-key")
        router.add("GET", "/v1/maps/{id}.{format}") { request, match in
            try signer.verify(request, now: Int(Date().timeIntervalSince1970))
            return HTTPResponse(status: 200, contentType: "image/png", body: Array(match["id"]!.utf8))
        }
        let service = ServiceServer(config: config, router: router, health: { ["geodata": geodata] },
                                    log: { line in log.lines.withLock { $0.append(line) } })
        try service.start()
        return service
    }

    func fetch(_ port: Int, _ target: String) throws -> (Int, String) {
        try get(port: port, target: target)
    }

    /// Issue 11, defect 5: made-up methods and unrouted paths used to add a series each, kept for ever.
    @Test func madeUpMethodsAndPathsKeepMetricsSmall() throws {
        let service = try makeService(geodata: true, log: Lines())
        defer { service.shutdown(deadline: 1) }
        for index in 0..<1000 {
            let method = index % 4 == 0 ? "GET" : "M\(index)X"
            let target = index % 2 == 0 ? "/junk/\(index)" : "/healthz"
            let status = try exchange(port: service.port, method, target).status
            #expect(status == 404 || status == 405, "\(method) \(target)")
        }
        let metrics = try exchange(port: service.port, "GET", "/metrics").text
        let series = metrics.split(separator: "\n").filter { $0.hasPrefix("tracemap_http_requests_total{") }
        #expect(series.count <= 4, "\(series)")
        #expect(metrics.split(separator: "\n").count < 120)
        #expect(metrics.contains(#"tracemap_http_requests_total{route="other",method="other",status="404"} 250"#))
        #expect(metrics.contains(#"tracemap_http_requests_total{route="other",method="GET",status="404"} 250"#))
        #expect(metrics.contains(#"tracemap_http_requests_total{route="/healthz",method="other",status="405"} 500"#))
        #expect(!metrics.contains("M1X"))
        #expect(!metrics.contains("/junk"))
    }

    @Test func healthMetricsRoutesAndLog() throws {
        let log = Lines()
        let service = try makeService(geodata: true, log: log)
        defer { service.shutdown(deadline: 1) }
        let health = try fetch(service.port, "/healthz")
        #expect(health.0 == 200)
        #expect(health.1 == #"{"status":"ok","live":true,"ready":true,"geodata":true}"#)

        let signed = URLSigner(key: "service-key").sign("/v1/maps/abc.png?size=1x1",
                                                        expires: Int(Date().timeIntervalSince1970) + 60)
        #expect(try fetch(service.port, signed) == (200, "abc"))
        #expect(try fetch(service.port, "/v1/maps/abc.png").0 == 403)
        #expect(try fetch(service.port, "/missing").0 == 404)

        let metrics = try fetch(service.port, "/metrics")
        #expect(metrics.0 == 200)
        #expect(metrics.1.contains("# TYPE tracemap_http_requests_total counter"))
        #expect(metrics.1.contains(#"tracemap_http_requests_total{route="/v1/maps/{id}.{format}",method="GET",status="200"} 1"#))
        #expect(metrics.1.contains(#"tracemap_http_requests_total{route="/v1/maps/{id}.{format}",method="GET",status="403"} 1"#))
        #expect(metrics.1.contains(#"tracemap_http_requests_total{route="other",method="GET",status="404"} 1"#))
        #expect(metrics.1.contains("tracemap_http_open_connections "))
        #expect(metrics.1.contains("tracemap_geodata_loaded 1"))

        usleep(50_000)  // the log line is written after the response
        let lines = log.lines.withLock { $0 }
        #expect(lines.count >= 5)
        #expect(lines.contains { $0.hasPrefix("GET /v1/maps/abc.png?size=1x1&exp=") && $0.contains(" 200 3B ") })
        #expect(!lines.contains { $0.contains("sig=") })
    }

    @Test func healthIs503WhenNotReady() throws {
        let service = try makeService(geodata: false, log: Lines())
        defer { service.shutdown(deadline: 1) }
        let health = try fetch(service.port, "/healthz")
        #expect(health.0 == 503)
        #expect(health.1 == #"{"status":"unavailable","live":true,"ready":false,"failed":["geodata"],"geodata":false}"#)
    }
}
