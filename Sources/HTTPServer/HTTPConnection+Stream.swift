import Glibc

extension HTTPConnection {
    /// Seconds between checks, while a stream is idle, that the client is still connected.
    static let streamPeerCheckInterval = 1.0

    /// Sends a streamed response on this thread until its source ends, the client leaves or the server stops.
    ///
    /// Over `maxStreams` (or once shutdown began) the client gets 503 instead. The connection closes afterwards:
    /// a stream is the last response on its connection.
    func sendStream(_ response: HTTPResponse, request: HTTPRequest, dates: inout HTTPDate.Cache, started: Double) {
        guard let body = response.stream else { return }
        let source = body.source
        defer { source.close() }
        var bytes = 0
        var status = response.status
        defer {
            server.logger?(HTTPLogRecord(
                method: request.method, path: request.path, query: request.query, status: status, bytes: bytes,
                milliseconds: (Clock.now - started) * 1000, peer: peer))
        }
        if request.method == "HEAD" {
            write(ResponseEncoder.streamHead(response, version: request.version, date: dates.current()))
            return
        }
        guard server.streamOpened(source) else {
            server.stats.requestOverloaded()
            let message = server.isStopping ? "the server is shutting down; retry later"
                : "too many event streams are open (maxStreams \(limits.maxStreams)); retry later"
            if !server.isStopping { server.stats.streamRefused() }
            let refusal = HTTPError(status: 503, code: "http.overloaded", message: message,
                                    headers: HTTPHeaders([("Retry-After", String(limits.retryAfterSeconds))])).response
            status = refusal.status
            send(refusal, headOnly: false, close: true, version: request.version, dates: &dates)
            return
        }
        defer { server.streamClosed(source) }
        let chunked = request.version == .http11
        guard write(ResponseEncoder.streamHead(response, version: request.version, date: dates.current())) else { return }
        var lastSent = Clock.now
        while true {
            let heartbeatDue = lastSent + limits.streamHeartbeatInterval
            let wait = min(max(0, heartbeatDue - Clock.now), Self.streamPeerCheckInterval)
            switch source.next(timeout: wait) {
            case .end:
                if chunked { write(ResponseEncoder.lastChunk) }
                return
            case .chunk(let chunk):
                guard !chunk.isEmpty else { continue }  // an empty chunk would end a chunked body
                guard write(chunked ? ResponseEncoder.chunk(chunk) : chunk) else { return }
                bytes += chunk.count
                lastSent = Clock.now
            case .idle:
                if peerLeft() { return }
                if !body.heartbeat.isEmpty && Clock.now >= heartbeatDue {
                    guard write(chunked ? ResponseEncoder.chunk(body.heartbeat) : body.heartbeat) else { return }
                    bytes += body.heartbeat.count
                    lastSent = Clock.now
                }
            }
        }
    }

    /// Sends `bytes` within `writeTimeout`; false when the client is gone or does not read.
    @discardableResult
    private func write(_ bytes: [UInt8]) -> Bool {
        (try? socket.sendAll(bytes, timeout: limits.writeTimeout)) != nil
    }

    /// Whether the client closed its side (or the connection broke); bytes it sent meanwhile are discarded.
    private func peerLeft() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        // Bounded, so a client that keeps sending cannot hold this thread here.
        for _ in 0..<16 {
            guard Poll.read(socket.descriptor, wake: -1, timeout: 0) == .readable else { return false }
            let count = scratch.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        }
        return false
    }
}
