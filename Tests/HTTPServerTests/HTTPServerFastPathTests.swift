import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPServer

/// The fast handler: answers on the connection thread when it can, falls through to the pool when it returns nil,
/// and leaves the bytes, the log records, the counters and the pipelining order as the pool's path would.
@Suite(.serialized) struct HTTPServerFastPathTests {
    /// The answer both paths give, so their bytes can be compared.
    static let answer: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        var response = HTTPResponse(status: 200, contentType: "image/png", body: Array(repeating: 0x89, count: 70_000))
        response.headers.add("ETag", "\"m\(request.path.count)\"")
        response.headers.add("Cache-Control", "public, max-age=31536000, immutable")
        return response
    }

    /// Starts a server whose fast handler answers paths starting with "/f" and returns nil for the rest.
    static func withFastServer(limits: ServerLimits = quickLimits(), logger: HTTPLogger? = nil,
                               handler: @escaping HTTPServer.Handler = echoHandler,
                               _ body: (HTTPServer) throws -> Void) throws {
        let server = HTTPServer(host: "127.0.0.1", port: 0, limits: limits, logger: logger,
                                fastHandler: { $0.path.hasPrefix("/f") ? answer($0) : nil }, handler: handler)
        try server.start()
        defer { server.shutdown(deadline: 2) }
        try body(server)
    }

    /// Sends `request` on a new connection and reads until the server closes it: the raw bytes of the answer, with
    /// the `Date` value blanked (it may tick between two exchanges).
    static func rawExchange(port: Int, _ request: String) throws -> [UInt8] {
        let client = try TestClient(port: port)
        try client.send(request)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var pfd = pollfd(fd: client.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 5000) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { recv(client.descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let headEnd = bytes.firstRange(of: [13, 10, 13, 10])?.upperBound ?? bytes.count
        var head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        if let date = head.range(of: "Date: "), let end = head[date.upperBound...].firstIndex(of: "\r\n") {
            head.replaceSubrange(date.upperBound..<end, with: "-")
        }
        return Array(head.utf8) + bytes[headEnd...]
    }

    @Test func aFastAnswerHasTheSameBytesAsThePoolsAnswer() throws {
        let slow = HTTPServer(host: "127.0.0.1", port: 0, limits: quickLimits()) { Self.answer($0) }
        try slow.start()
        defer { slow.shutdown(deadline: 2) }
        try Self.withFastServer { fast in
            for request in ["GET /f1.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "HEAD /f1.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET /f1.png HTTP/1.0\r\n\r\n"] {
                let fastBytes = try Self.rawExchange(port: fast.port, request)
                let slowBytes = try Self.rawExchange(port: slow.port, request)
                #expect(fastBytes.count > 100)
                #expect(fastBytes == slowBytes, "\(request)")
            }
            #expect(fast.stats.fastPathRequests == 3)
            #expect(fast.stats.totalRequests == 3)
            #expect(slow.stats.fastPathRequests == 0)
        }
    }

    @Test func nilFallsThroughToTheHandler() throws {
        try Self.withFastServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
            #expect(try client.readResponse().text == "POST /slow hi")
            try client.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try client.readResponse()
            #expect(fast.status == 200)
            #expect(fast.body.count == 70_000)
            #expect(fast.headers["ETag"] == "\"m5\"")
            #expect(server.stats.fastPathRequests == 1)
            #expect(server.stats.totalRequests == 2)
        }
    }

    @Test func pipelinedFastAndSlowAnswersKeepTheirOrder() throws {
        // The first request is slow on the pool; the fast ones behind it must still wait their turn.
        let handler: HTTPServer.Handler = { request in
            if request.path == "/s1" { usleep(150_000) }
            return try echoHandler(request)
        }
        try Self.withFastServer(handler: handler) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /s1 HTTP/1.1\r\nHost: x\r\n\r\nGET /f2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /s3 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiHEAD /f4 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /f5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let first = try client.readResponse()
            let second = try client.readResponse()
            let third = try client.readResponse()
            let fourth = try client.readResponse(head: true)
            let fifth = try client.readResponse()
            #expect(first.text == "GET /s1 ")
            #expect(second.headers["ETag"] == "\"m3\"")
            #expect(second.body.count == 70_000)
            #expect(third.text == "POST /s3 hi")
            #expect(fourth.headers["ETag"] == "\"m3\"")
            #expect(fourth.headers["Content-Length"] == "70000")
            #expect(fourth.body.isEmpty)
            #expect(fifth.headers["ETag"] == "\"m3\"")
            #expect(fifth.body.count == 70_000)
            #expect(client.isClosedByPeer())
            #expect(server.stats.fastPathRequests == 3)
        }
    }

    @Test func fastAnswersAreLoggedLikeOthers() throws {
        let records = Mutex<[HTTPLogRecord]>([])
        try Self.withFastServer(logger: { record in records.withLock { $0.append(record) } }) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /f.png?size=1x1 HTTP/1.1\r\nHost: x\r\n\r\nHEAD /f.png HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()
            _ = try client.readResponse(head: true)
        }
        let logged = records.withLock { $0 }
        #expect(logged.map(\.line).map { $0.split(separator: " ").prefix(4).joined(separator: " ") }
                == ["GET /f.png 200 70000B", "HEAD /f.png 200 0B"])
        #expect(logged.first?.query == "size=1x1")
    }
}
