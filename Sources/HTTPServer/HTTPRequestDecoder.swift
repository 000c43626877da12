/// Parses bytes into `HTTPRequest`s incrementally, enforcing `ServerLimits` as it goes.
///
/// Feed whatever the socket gave with `append`, then call `nextRequest()` until it returns nil (more bytes are
/// needed). Pipelined requests come out one at a time, in order. Any malformed or oversized input throws an
/// `HTTPError` with the right status; after an error the connection must be closed (the framing is lost).
/// ```swift
/// var decoder = HTTPRequestDecoder(limits: ServerLimits())
/// decoder.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
/// let request = try decoder.nextRequest()  // GET /
/// ```
/// The buffer never grows past one request's limits plus what was appended since the last `nextRequest()`.
public struct HTTPRequestDecoder: Sendable {
    public let limits: ServerLimits
    private var buffer: [UInt8] = []
    /// Index of the first byte not yet consumed.
    private var start = 0
    private var state = State.head(HeadScan())
    /// True once per request whose head asked for `Expect: 100-continue` (RFC 9110 §10.1.1).
    private var continuePending = false

    private enum State: Sendable {
        case head(HeadScan)
        case fixedBody(Head, length: Int)
        case chunkSize(Head, body: [UInt8])
        case chunkData(Head, body: [UInt8], remaining: Int)
        case trailers(Head, body: [UInt8], scan: HeadScan)
    }

    /// Progress through a block of CRLF-terminated lines: where the next line starts and the lines found so far.
    private struct HeadScan: Sendable {
        var next = 0
        /// How far the search for the next line feed got, so a line that arrives byte by byte is scanned once.
        var searched = 0
        var lines: [Range<Int>] = []
        var started = false
    }

    /// The parsed request line and fields, waiting for the body.
    private struct Head: Sendable {
        var method: String
        var target: String
        var path: String
        var query: String
        var queryItems: [QueryItem]
        var version: HTTPVersion
        var headers: HTTPHeaders
    }

    public init(limits: ServerLimits = ServerLimits()) {
        self.limits = limits
    }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Whether part of a request has arrived but not all of it (the read timeout then applies, not the idle one).
    public var hasPartialRequest: Bool {
        if case .head(let scan) = state, !scan.started, start == buffer.count { return false }
        return true
    }

    /// Bytes held and not yet returned as requests.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Returns true once after a head with `Expect: 100-continue` whose body has not arrived yet; the connection
    /// should then send `100 Continue`.
    public mutating func takeContinueRequest() -> Bool {
        defer { continuePending = false }
        return continuePending
    }

    /// The next complete request, or nil when more bytes are needed.
    public mutating func nextRequest() throws(HTTPError) -> HTTPRequest? {
        while true {
            switch state {
            case .head(var scan):
                guard try scanLines(&scan, isHead: true) else {
                    state = .head(scan)
                    return nil
                }
                let head = try parseHead(scan.lines)
                let headEnd = scan.next
                start = headEnd
                if let length = try bodyLength(head) {
                    if length == 0 {
                        state = .head(HeadScan())
                        return finish(head, body: [], trailers: HTTPHeaders())
                    }
                    state = .fixedBody(head, length: length)
                } else {
                    state = .chunkSize(head, body: [])
                }
                if head.version == .http11, head.headers.hasToken("100-continue", in: "Expect"),
                   buffer.count == start {
                    continuePending = true
                }
            case .fixedBody(let head, let length):
                guard buffer.count - start >= length else { return nil }
                let body = Array(buffer[start..<start + length])
                start += length
                state = .head(HeadScan())
                return finish(head, body: body, trailers: HTTPHeaders())
            case .chunkSize(let head, let body):
                // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0" …
                guard let lineFeed = firstLineFeed(from: start, limit: limits.maxChunkLineBytes) else {
                    if buffer.count - start > limits.maxChunkLineBytes {
                        throw .badRequest("chunk-size line longer than \(limits.maxChunkLineBytes) bytes")
                    }
                    return nil
                }
                guard lineFeed > start, buffer[lineFeed - 1] == 0x0D else {
                    throw .badRequest("chunk-size line not ended by CRLF")
                }
                let size = try parseChunkSize(buffer[start..<lineFeed - 1])
                start = lineFeed + 1
                if size == 0 {
                    var scan = HeadScan()
                    scan.next = start
                    scan.started = true
                    state = .trailers(head, body: body, scan: scan)
                } else {
                    guard size <= limits.maxBodyBytes - body.count else {
                        throw .bodyTooLarge("chunked body exceeds \(limits.maxBodyBytes) bytes")
                    }
                    state = .chunkData(head, body: body, remaining: size)
                }
            case .chunkData(let head, var body, let remaining):
                guard buffer.count - start >= remaining + 2 else { return nil }
                guard buffer[start + remaining] == 0x0D, buffer[start + remaining + 1] == 0x0A else {
                    throw .badRequest("chunk data longer than its chunk-size, or not followed by CRLF")
                }
                state = .chunkSize(head, body: [])  // release the old body before copying
                body.append(contentsOf: buffer[start..<start + remaining])
                start += remaining + 2
                state = .chunkSize(head, body: body)
            case .trailers(let head, let body, var scan):
                guard try scanLines(&scan, isHead: false) else {
                    state = .trailers(head, body: body, scan: scan)
                    return nil
                }
                // RFC 9112 §7.1.2: trailer fields use the field-line syntax; they never replace header fields.
                var trailers = HTTPHeaders()
                for line in scan.lines {
                    let (name, value) = try parseFieldLine(line)
                    trailers.add(name, value)
                }
                start = scan.next
                state = .head(HeadScan())
                return finish(head, body: body, trailers: trailers)
            }
        }
    }

    private mutating func finish(_ head: Head, body: [UInt8], trailers: HTTPHeaders) -> HTTPRequest {
        continuePending = false
        compact()
        return HTTPRequest(method: head.method, target: head.target, path: head.path, query: head.query,
                           queryItems: head.queryItems, version: head.version, headers: head.headers, body: body,
                           trailers: trailers)
    }

    /// Drops consumed bytes so the buffer holds only what is still pending.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else {
            buffer.removeSubrange(0..<start)
        }
        start = 0
    }

    private func firstLineFeed(from index: Int, limit: Int) -> Int? {
        let end = min(buffer.count, index + limit + 2)
        var position = index
        while position < end {
            if buffer[position] == 0x0A { return position }
            position += 1
        }
        return nil
    }

    /// Advances over CRLF-terminated lines up to the empty line; returns true when the block is complete.
    ///
    /// The head is bounded as it arrives: no line feed within `maxRequestLineBytes` of the start → 414,
    /// more than `maxHeaderBytes` or `maxHeaderCount` fields → 431 (trailers share the header limits).
    private mutating func scanLines(_ scan: inout HeadScan, isHead: Bool) throws(HTTPError) -> Bool {
        if !scan.started {
            // RFC 9112 §2.2: a server SHOULD ignore at least one empty line (CRLF) received before the request-line.
            while buffer.count - start >= 2, buffer[start] == 0x0D, buffer[start + 1] == 0x0A { start += 2 }
            if buffer.count - start == 1, buffer[start] == 0x0D { return false }
            if buffer.count == start {
                compact()
                return false
            }
            scan.started = true
            scan.next = start
        }
        let blockStart = isHead ? start : scan.lines.first?.lowerBound ?? scan.next
        while true {
            let lineStart = scan.next
            var position = max(lineStart, scan.searched)
            while position < buffer.count, buffer[position] != 0x0A { position += 1 }
            scan.searched = position
            if position == buffer.count {
                if isHead && scan.lines.isEmpty && position - lineStart > limits.maxRequestLineBytes {
                    throw .uriTooLong("request line longer than \(limits.maxRequestLineBytes) bytes")
                }
                if position - blockStart > limits.maxHeaderBytes {
                    throw .headerTooLarge("header section larger than \(limits.maxHeaderBytes) bytes")
                }
                return false
            }
            // RFC 9112 §2.2: lines end in CRLF; a bare LF (or a bare CR, checked with the field syntax) is invalid.
            guard position > lineStart, buffer[position - 1] == 0x0D else {
                throw .badRequest("line not terminated by CRLF")
            }
            let line = lineStart..<(position - 1)
            scan.next = position + 1
            if line.isEmpty {
                if scan.next - blockStart > limits.maxHeaderBytes {
                    throw .headerTooLarge("header section larger than \(limits.maxHeaderBytes) bytes")
                }
                if isHead && scan.lines.isEmpty { throw .badRequest("empty request line") }
                return true
            }
            if isHead && scan.lines.isEmpty && line.count > limits.maxRequestLineBytes {
                throw .uriTooLong("request line longer than \(limits.maxRequestLineBytes) bytes")
            }
            scan.lines.append(line)
            if scan.lines.count - (isHead ? 1 : 0) > limits.maxHeaderCount {
                throw .headerTooLarge("more than \(limits.maxHeaderCount) header fields")
            }
            if scan.next - blockStart > limits.maxHeaderBytes {
                throw .headerTooLarge("header section larger than \(limits.maxHeaderBytes) bytes")
            }
        }
    }

    private func parseHead(_ lines: [Range<Int>]) throws(HTTPError) -> Head {
        var head = try parseRequestLine(lines[0])
        for line in lines.dropFirst() {
            let (name, value) = try parseFieldLine(line)
            head.headers.add(name, value)
        }
        // RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request that lacks Host or has more than one.
        let hosts = head.headers.values(for: "Host").count
        if hosts > 1 || (hosts == 0 && head.version == .http11) {
            throw .badRequest(hosts == 0 ? "missing Host header" : "more than one Host header")
        }
        return head
    }

    /// RFC 9112 §3: request-line = method SP request-target SP HTTP-version.
    private func parseRequestLine(_ line: Range<Int>) throws(HTTPError) -> Head {
        let bytes = buffer[line]
        let parts = bytes.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .badRequest("request line is not 'METHOD target HTTP/x.y'") }
        let methodBytes = parts[0], targetBytes = parts[1], versionBytes = parts[2]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(Self.isTokenByte) else {
            throw .badRequest("method is not a token")
        }
        let version = try parseVersion(versionBytes)
        guard !targetBytes.isEmpty else { throw .badRequest("empty request target") }
        let method = String(decoding: methodBytes, as: UTF8.self)
        let (target, path, query, items) = try RequestTarget.parse(targetBytes, method: method)
        return Head(method: method, target: target, path: path, query: query, queryItems: items,
                    version: version, headers: HTTPHeaders())
    }

    /// RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT; only 1.0 and 1.1 are served here.
    private func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), text[6] == 0x2E,
              (0x30...0x39).contains(text[5]), (0x30...0x39).contains(text[7]) else {
            throw .badRequest("malformed HTTP version")
        }
        let version = HTTPVersion(major: Int(text[5] - 0x30), minor: Int(text[7] - 0x30))
        guard version.major == 1 else {
            throw .versionNotSupported("\(version) is not supported; use HTTP/1.1")
        }
        return HTTPVersion(major: 1, minor: version.minor == 0 ? 0 : 1)
    }

    /// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS.
    ///
    /// No whitespace is allowed between the name and the colon (§5.1 → 400), and a line starting with whitespace
    /// is obsolete line folding, which we reject (§5.2 allows answering 400). Values may hold VCHAR, obs-text,
    /// SP and HTAB only, so NUL, bare CR and other controls → 400 (RFC 9110 §5.5).
    private func parseFieldLine(_ line: Range<Int>) throws(HTTPError) -> (String, String) {
        let first = buffer[line.lowerBound]
        if first == 0x20 || first == 0x09 { throw .badRequest("obsolete line folding (obs-fold) is not accepted") }
        guard let colon = buffer[line].firstIndex(of: 0x3A) else { throw .badRequest("header line without ':'") }
        let nameBytes = buffer[line.lowerBound..<colon]
        guard !nameBytes.isEmpty, nameBytes.allSatisfy(Self.isTokenByte) else {
            throw .badRequest("invalid header field name")
        }
        var valueStart = colon + 1, valueEnd = line.upperBound
        while valueStart < valueEnd, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        let valueBytes = buffer[valueStart..<valueEnd]
        guard valueBytes.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .badRequest("control character in header field value")
        }
        return (String(decoding: nameBytes, as: UTF8.self), String(decoding: valueBytes, as: UTF8.self))
    }

    /// How the body is framed (RFC 9112 §6): its length, or nil when it is chunked.
    private func bodyLength(_ head: Head) throws(HTTPError) -> Int? {
        let lengths = head.headers.values(for: "Content-Length")
        let hasTransferEncoding = head.headers.contains("Transfer-Encoding")
        if hasTransferEncoding {
            // RFC 9112 §6.1: a request with both Content-Length and Transfer-Encoding is a smuggling risk; reject it.
            guard lengths.isEmpty else {
                throw .badRequest("both Content-Length and Transfer-Encoding are present (RFC 9112 §6.1)")
            }
            // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means the framing is faulty.
            guard head.version == .http11 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            let codings = head.headers.listElements(for: "Transfer-Encoding").map { $0.lowercased() }
            // RFC 9112 §6.3 (4): if chunked is not the final coding of a request, answer 400.
            guard codings.last == "chunked" else { throw .badRequest("Transfer-Encoding does not end in chunked") }
            guard codings.count == 1 else {
                // RFC 9112 §6.1: an unknown transfer coding SHOULD get 501; chunked twice is an error.
                if codings.dropLast().contains("chunked") { throw .badRequest("chunked applied more than once") }
                throw .notImplemented("transfer codings other than chunked are not supported")
            }
            return nil
        }
        guard !lengths.isEmpty else { return 0 }
        // RFC 9112 §6.3 (5): a list of identical values may be accepted; differing or invalid values are an error.
        var length: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = element.trimmingASCIIWhitespace()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw .badRequest("Content-Length is not a non-negative decimal number")
            }
            // More digits than Int holds is still a syntactically valid length, just too large.
            let value = Int(digits) ?? Int.max
            if let length, length != value { throw .badRequest("conflicting Content-Length values") }
            length = value
        }
        let value = length ?? 0
        guard value <= limits.maxBodyBytes else {
            throw .bodyTooLarge("Content-Length \(value) exceeds the \(limits.maxBodyBytes)-byte limit")
        }
        return value
    }

    /// RFC 9112 §7.1: chunk-size = 1*HEXDIG, then optional BWS ";" chunk-ext.
    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        var size = 0, digits = 0, index = line.startIndex
        while index < line.endIndex, let digit = Self.hexValue(line[index]) {
            guard digits < 15 else { throw .bodyTooLarge("chunk size too large") }
            size = size << 4 | digit
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw .badRequest("chunk size is not hexadecimal") }
        var rest = line[index...]
        while let first = rest.first, first == 0x20 || first == 0x09 { rest.removeFirst() }
        if let first = rest.first {
            guard first == 0x3B else { throw .badRequest("junk after chunk size") }
            guard rest.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .badRequest("control character in chunk extension")
            }
        }
        return size
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
    /// "~" / DIGIT / ALPHA.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }
}
