import Glibc

/// One client connection, served on its own thread: read, decode, respond in order, until close.
final class HTTPConnection: Sendable {
    let socket: Socket
    let peer: String
    let server: HTTPServer

    init(socket: Socket, peer: String, server: HTTPServer) {
        self.socket = socket
        self.peer = peer
        self.server = server
    }

    var limits: ServerLimits { server.limits }

    func run() {
        defer { server.connectionEnded(socket) }
        let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { readBuffer.deallocate() }
        var decoder = HTTPRequestDecoder(limits: limits)
        var dates = HTTPDate.Cache()
        var requestStarted = Clock.now
        var lastActivity = Clock.now
        while true {
            // Pipelining: every complete request already buffered is answered, in order, before reading more.
            do {
                while let request = try decoder.nextRequest() {
                    guard serve(request, dates: &dates) else {
                        // Linger only if the client already sent more (pipelined after `Connection: close`).
                        if decoder.bufferedByteCount > 0 { closeGracefully() } else { socket.shutdownWrite() }
                        return
                    }
                    requestStarted = Clock.now
                    lastActivity = Clock.now
                }
            } catch {
                server.stats.malformed()
                send(error.response, headOnly: false, close: true, version: .http11, dates: &dates)
                closeGracefully()
                return
            }
            if decoder.takeContinueRequest() {
                // RFC 9110 §10.1.1: the client waits for this interim answer before sending the body.
                guard (try? socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8),
                                           timeout: limits.writeTimeout)) != nil else { return }
            }
            let partial = decoder.hasPartialRequest
            let stopping = server.isStopping
            if stopping && !partial { return }  // shutdown closes idle keep-alive connections
            let remaining = (partial ? requestStarted + limits.readTimeout : lastActivity + limits.idleTimeout)
                - Clock.now
            if remaining <= 0 {
                server.stats.timedOut()
                if partial {
                    send(HTTPError.timeout("the request did not arrive within \(limits.readTimeout) s").response,
                         headOnly: false, close: true, version: .http11, dates: &dates)
                    socket.shutdownWrite()
                }
                return
            }
            switch Poll.read(socket.descriptor, wake: stopping ? -1 : server.wakeDescriptor, timeout: remaining) {
            case .woken, .timedOut:
                continue
            case .readable:
                let count: Int?
                do { count = try socket.receive(into: readBuffer) } catch { return }
                guard let count else { continue }
                if count == 0 { return }  // the client closed its side
                if !partial { requestStarted = Clock.now }
                decoder.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            }
        }
    }

    /// Answers one request; returns whether the connection stays open.
    private func serve(_ request: HTTPRequest, dates: inout HTTPDate.Cache) -> Bool {
        let started = Clock.now
        server.stats.requestStarted()
        let response = server.respond(to: request)
        server.stats.requestFinished()
        if response.stream != nil {
            sendStream(response, request: request, dates: &dates, started: started)
            return false
        }
        let close = !request.wantsKeepAlive || server.isStopping
        let headOnly = request.method == "HEAD"
        let sent = send(response, headOnly: headOnly, close: close, version: request.version, dates: &dates)
        server.logger?(HTTPLogRecord(
            method: request.method, path: request.path, query: request.query, status: response.status,
            bytes: headOnly || response.statusForbidsContent ? 0 : response.body.count,
            milliseconds: (Clock.now - started) * 1000, peer: peer))
        return sent && !close
    }

    @discardableResult
    func send(_ response: HTTPResponse, headOnly: Bool, close: Bool, version: HTTPVersion,
                      dates: inout HTTPDate.Cache) -> Bool {
        let head = ResponseEncoder.head(response, close: close, version: version, date: dates.current())
        let body = ResponseEncoder.sendsBody(response, headOnly: headOnly) ? response.body : []
        return (try? socket.sendAll(head, body, timeout: limits.writeTimeout)) != nil
    }

    /// Half-closes, then reads and discards for at most `lingerTimeout` so that bytes the client is still sending
    /// do not turn our close into a reset that destroys the response before it is read (RFC 9112 §9.6).
    private func closeGracefully() {
        socket.shutdownWrite()
        let end = Clock.now + limits.lingerTimeout
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var discarded = 0
        while discarded < 64 * 1024 * 1024 {
            let remaining = end - Clock.now
            guard remaining > 0, Poll.read(socket.descriptor, wake: -1, timeout: remaining) == .readable else { return }
            let count = scratch.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            discarded += count
        }
    }
}
