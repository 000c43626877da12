import Foundation
import Glibc
import HTTPServer
import Pipeline
import Testing
@testable import TraceMapService

/// The service's fast path (cache hits answered on the connection thread) against the same service with it off:
/// the same exchanges must give the same bytes, the same request log lines and the same request and cache counters.
@Suite(.serialized) struct FastPathTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A started application with the fast path on or off, and the log lines it wrote.
    final class Service: Sendable {
        let app: TraceMapApplication
        let lines = Locked<[String]>([])

        init(engine: TraceEngine, fastPath: Bool) throws {
            var config = ServiceConfig()
            config.port = 0
            config.dataDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("tracemap-fastpath-tests-\(UUID())").path
            config.signingKey = "fast-path-test-key"
            config.fastPath = fastPath
            let lines = self.lines
            app = try TraceMapApplication(config: config, engine: engine,
                                          log: { line in lines.withLock { $0.append(line) } })
            try app.server.start()
        }

        deinit { app.server.shutdown(deadline: 2) }
    }

    static let engine = Result {
        try TraceEngine.load(geodataDirectory: ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? repoRoot.appendingPathComponent("geodata").path)
    }

    static var sample: [UInt8] {
        Array(FileManager.default.contents(atPath: repoRoot
            .appendingPathComponent("geodata/samples/kdniao-query-sf-shenzhen-beijing.json").path) ?? Data())
    }

    /// One request on a new connection (the request closes it); the raw answer with the `Date` value blanked.
    static func raw(port: Int, _ head: String, body: [UInt8] = []) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            try #require(count > 0)
            sent += count
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 60_000) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        let headEnd = data.firstRange(of: separator)?.upperBound ?? data.count
        var text = String(decoding: data[..<headEnd], as: UTF8.self)
        if let date = text.range(of: "Date: "), let end = text[date.upperBound...].firstIndex(of: "\r\n") {
            text.replaceSubrange(date.upperBound..<end, with: "-")
        }
        return Array(text.utf8) + data[headEnd...]
    }

    /// The lines of a Prometheus text that count requests and cache hits and misses.
    static func counters(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("tracemap_http_requests_total{") || $0.hasPrefix("tracemap_cache_hits_total ")
                || $0.hasPrefix("tracemap_cache_misses_total ") || $0.hasPrefix("tracemap_cache_entries ")
        }
    }

    @Test func fastAnswersMatchThePoolsBytesLogsAndMetrics() throws {
        let engine = try Self.engine.get()
        let fast = try Service(engine: engine, fastPath: true)
        let pool = try Service(engine: engine, fastPath: false)
        let options = RenderQuery.canonical(try RenderQuery.options([QueryItem(name: "size", value: "320x240")]))
        let signer = URLSigner(key: "fast-path-test-key")
        let expires = Int(Date().timeIntervalSince1970) + 600
        var answers: [[UInt8]] = []
        for service in [fast, pool] {
            let port = service.app.server.port
            let id = try service.app.maps.store.put(trace: Data(Self.sample), options: options)
            let url = signer.sign("/v1/maps/\(id).png", expires: expires)
            let close = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            let first = try Self.raw(port: port, "GET \(url)\(close)\r\n")  // a miss: renders on the pool
            let etag = try #require(String(decoding: first, as: UTF8.self).split(separator: "\r\n")
                .first { $0.hasPrefix("ETag: ") }?.dropFirst(6))
            let render = "POST /v1/render?size=300x200\(close)Content-Length: \(Self.sample.count)\r\n"
            let renderFirst = try Self.raw(port: port, render + "\r\n", body: Self.sample)
            let renderTag = try #require(String(decoding: renderFirst, as: UTF8.self).split(separator: "\r\n")
                .first { $0.hasPrefix("ETag: ") }?.dropFirst(6))
            var exchanges = [
                first,
                try Self.raw(port: port, "GET \(url)\(close)\r\n"),
                try Self.raw(port: port, "HEAD \(url)\(close)\r\n"),
                try Self.raw(port: port, "GET \(url)\(close)If-None-Match: \(etag)\r\n\r\n"),
                try Self.raw(port: port, "GET /v1/maps/\(id).png\(close)\r\n"),  // unsigned: 403 from the pool
                try Self.raw(port: port, "GET \(url.replacingOccurrences(of: "sig=", with: "sig=A"))\(close)\r\n"),
                renderFirst,
                try Self.raw(port: port, render + "\r\n", body: Self.sample),
                try Self.raw(port: port, render + "If-None-Match: \(renderTag)\r\n\r\n", body: Self.sample),
            ]
            let metrics = try Self.raw(port: port, "GET /metrics\(close)\r\n")
            let counters = Self.counters(String(decoding: metrics, as: UTF8.self))
            exchanges.append(Array(counters.joined(separator: "\n").utf8))
            if answers.isEmpty {
                answers = exchanges
            } else {
                #expect(answers.count == exchanges.count)
                for (index, (a, b)) in zip(answers, exchanges).enumerated() {
                    let shown = "\(String(decoding: a.prefix(300), as: UTF8.self)) vs "
                        + "\(String(decoding: b.prefix(300), as: UTF8.self))"
                    #expect(a == b, "exchange \(index): \(shown)")
                }
            }
        }
        let statuses = answers.prefix(9).map { String(decoding: $0.prefix(12), as: UTF8.self) }
        #expect(statuses == ["HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 304", "HTTP/1.1 403",
                             "HTTP/1.1 403", "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 304"])
        #expect(String(decoding: answers[9], as: UTF8.self).contains("tracemap_cache_hits_total 3"))
        // GET hit, HEAD hit, GET 304, POST hit, POST 304: on the connection thread; the rest through the pool.
        #expect(fast.app.server.stats.fastPathRequests == 5)
        #expect(pool.app.server.stats.fastPathRequests == 0)
        // The log lines agree but for the milliseconds and the peer's port. A line is written just after its answer
        // is sent, so the last one may still be on its way.
        for _ in 0..<200 where fast.lines.withLock({ $0.count }) < 10 || pool.lines.withLock({ $0.count }) < 10 {
            usleep(10_000)
        }
        func shape(_ lines: [String]) -> [String] {
            lines.map { $0.split(separator: " ").dropLast(2).joined(separator: " ") }
        }
        // (/metrics differs in its own text: latency sums are timings.)
        #expect(shape(fast.lines.withLock { $0 }).dropLast() == shape(pool.lines.withLock { $0 }).dropLast())
        #expect(fast.lines.withLock { $0.count } == 10)
    }
}
