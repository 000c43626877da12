import Foundation
import Glibc
import HTTPServer

/// A blocking loopback client that writes raw bytes and parses raw responses, for tests over a real socket.
public final class TestClient {
    public let descriptor: Int32
    /// Bytes read but not yet parsed.
    var pending: [UInt8] = []
    /// Decoded stream content (chunks' bytes) not yet returned as an event.
    var streamPending: [UInt8] = []

    public struct Response {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public init(port: Int, host: String = "127.0.0.1") throws {
        let ipv6 = host.contains(":")
        descriptor = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        var status: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard status == 0 else {
            // deinit closes the descriptor: a throwing init of a fully initialized class still runs it.
            throw Failure(description: "connect to \(host):\(port) failed: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends everything; a peer that already closed is not an error here (the server may answer early).
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE || errno == ECONNRESET { return }
                throw Failure(description: "send failed: errno \(errno)")
            }
            offset += sent
        }
    }

    /// Reads more bytes into `pending`; false at end of stream, reset or timeout.
    func fill(timeout: Double) -> Bool {
        var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending.append(contentsOf: buffer[0..<count])
        return true
    }

    /// Reads one response; `head` says it answers a HEAD request (no content whatever Content-Length says).
    public func readResponse(head: Bool = false, timeout: Double = 5) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let range = pending.firstRange(of: separator) {
                headEnd = range.upperBound
                break
            }
            guard fill(timeout: timeout) else { throw Failure(description: "no complete response head") }
        }
        let headText = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw Failure(description: "bad status line \(statusLine)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad field \(line)") }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        pending.removeFirst(headEnd!)
        var length = Int(headers["Content-Length"] ?? "0") ?? 0
        if head || status == 304 || status == 204 || status < 200 { length = 0 }
        while pending.count < length {
            guard fill(timeout: timeout) else { throw Failure(description: "body shorter than Content-Length") }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Whether the server closes the connection (end of stream or reset) within `timeout`, with nothing more sent.
    public func isClosedByPeer(timeout: Double = 5) -> Bool {
        // Bytes the peer sent before closing (a last chunk the reads so far left in the socket) are read and
        // dropped: what is asked is whether the end of the stream follows, within the timeout.
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(left * 1000)) > 0 else { return false }
            if recv(descriptor, &buffer, buffer.count, 0) <= 0 { return true }
        }
    }
}

/// Runs `body` against a server on an ephemeral loopback port, then shuts it down.
public func withServer(limits: ServerLimits = ServerLimits(), host: String = "127.0.0.1",
                logger: HTTPLogger? = nil, handler: @escaping HTTPServer.Handler = echoHandler,
                _ body: (HTTPServer) throws -> Void) throws {
    let server = HTTPServer(host: host, port: 0, limits: limits, logger: logger, handler: handler)
    try server.start()
    defer { server.shutdown(deadline: 2) }
    try body(server)
}

/// Answers "METHOD path body" so tests can see what arrived.
public let echoHandler: HTTPServer.Handler = { request in
    var response = HTTPResponse.text("\(request.method) \(request.path) \(String(decoding: request.body, as: UTF8.self))")
    response.headers.add("X-Query", request.query)
    return response
}

/// Small limits so timeout tests finish quickly.
public func quickLimits() -> ServerLimits {
    var limits = ServerLimits()
    limits.readTimeout = 0.3
    limits.idleTimeout = 0.3
    limits.lingerTimeout = 0.2
    limits.workerCount = 2
    return limits
}
