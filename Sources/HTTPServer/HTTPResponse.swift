/// A response a handler returns; the server adds `Date`, `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// A long-lived body the connection thread sends chunk by chunk instead of `body` (`.stream(…)`).
    public var stream: HTTPStreamBody?

    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        precondition((100...999).contains(status), "HTTP status codes have three digits")
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with `Content-Type: contentType` and the given bytes.
    public init(status: Int = 200, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: body)
    }

    /// A UTF-8 text response (`text/plain` unless told otherwise).
    public static func text(_ text: String, status: Int = 200,
                            contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, contentType: contentType, body: Array(text.utf8))
    }

    /// `304 Not Modified` for a matching `If-None-Match` (RFC 9110 §15.4.5): no content, the same `ETag` and the
    /// caching headers a 200 would have carried.
    public static func notModified(etag: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var response = HTTPResponse(status: 304, headers: headers)
        response.headers.set("ETag", etag)
        return response
    }

    /// Whether this status forbids content (RFC 9110 §6.4.1: 1xx, 204 and 304 never carry any).
    public var statusForbidsContent: Bool {
        status < 200 || status == 204 || status == 304
    }
}
