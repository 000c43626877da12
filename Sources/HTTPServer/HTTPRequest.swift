/// A decoded HTTP/1.x request: what `HTTPRequestDecoder` produces and what a handler receives.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token, case-sensitive (RFC 9110 §9.1): "GET", "HEAD", "POST", …
    public var method: String
    /// The request-target exactly as sent (RFC 9112 §3.2), e.g. "/v1/maps/ab12.png?size=640x480&sig=…".
    public var target: String
    /// The percent-decoded path of the target, always starting with "/" (or "*" for `OPTIONS *`).
    public var path: String
    /// The raw query after "?" (not decoded; empty when there is none). URL signing works on this text.
    public var query: String
    /// The decoded query items in order; "+" decodes to a space as in HTML forms.
    public var queryItems: [QueryItem]
    /// The protocol version, (1, 0) or (1, 1).
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The content: the fixed-length body or the concatenated chunks.
    public var body: [UInt8]
    /// Trailer fields sent after a chunked body (RFC 9112 §7.1.2); empty otherwise.
    public var trailers: HTTPHeaders

    public init(method: String, target: String, path: String, query: String = "", queryItems: [QueryItem] = [],
                version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                trailers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.queryItems = queryItems
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
    }

    /// The path of the target as sent, still percent-encoded ("/" for an absolute-form target without a path).
    /// URL signatures are computed over this text, so decoding differences cannot change what was signed.
    public var rawPath: String {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let colon = rest.firstIndex(of: ":") {
            rest = rest[colon...].dropFirst(3)  // "://", the decoder accepted only http and https
            rest = rest[(rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex)...]
        }
        let path = rest.prefix { $0 != "?" }
        return path.isEmpty ? "/" : String(path)
    }

    /// The first value of the query item `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Whether the client wants the connection kept open after this exchange (RFC 9112 §9.3):
    /// HTTP/1.1 unless it sent `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        return version == .http11 || headers.hasToken("keep-alive", in: "Connection")
    }
}

/// One `name=value` pair of a query, percent-decoded.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The HTTP/1.x protocol version of a request (RFC 9112 §2.3).
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    public static let http11 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}
