/// An error that reaches the client: a status, a stable machine-readable `code` and a human message.
///
/// `HTTPError.response` is the one place that turns errors into RFC 9457 `application/problem+json` bodies.
/// Codes are dotted and stable (`http.body_too_large`, `auth.bad_signature`); messages may change.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    /// Extra response headers, e.g. `Retry-After` on 503 or `Allow` on 405.
    public var headers: HTTPHeaders

    public init(status: Int, code: String, message: String, headers: HTTPHeaders = HTTPHeaders()) {
        precondition((400...599).contains(status), "HTTPError is for 4xx and 5xx answers")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    // The transport's own errors.
    public static func badRequest(_ message: String) -> HTTPError {
        HTTPError(status: 400, code: "http.bad_request", message: message)
    }
    public static func uriTooLong(_ message: String) -> HTTPError {
        HTTPError(status: 414, code: "http.uri_too_long", message: message)
    }
    public static func headerTooLarge(_ message: String) -> HTTPError {
        HTTPError(status: 431, code: "http.header_too_large", message: message)
    }
    public static func bodyTooLarge(_ message: String) -> HTTPError {
        HTTPError(status: 413, code: "http.body_too_large", message: message)
    }
    public static func timeout(_ message: String) -> HTTPError {
        HTTPError(status: 408, code: "http.timeout", message: message)
    }
    public static func overloaded(retryAfterSeconds: Int) -> HTTPError {
        HTTPError(status: 503, code: "http.overloaded", message: "the server is busy; retry later",
                  headers: HTTPHeaders([("Retry-After", String(retryAfterSeconds))]))
    }
    public static func notImplemented(_ message: String) -> HTTPError {
        HTTPError(status: 501, code: "http.not_implemented", message: message)
    }
    public static func versionNotSupported(_ message: String) -> HTTPError {
        HTTPError(status: 505, code: "http.version_not_supported", message: message)
    }
    public static func notFound(_ message: String = "no such resource") -> HTTPError {
        HTTPError(status: 404, code: "http.not_found", message: message)
    }
    public static func methodNotAllowed(allowed: [String]) -> HTTPError {
        HTTPError(status: 405, code: "http.method_not_allowed",
                  message: "use \(allowed.joined(separator: " or "))",
                  headers: HTTPHeaders([("Allow", allowed.joined(separator: ", "))]))
    }
    public static let internalError = HTTPError(status: 500, code: "http.internal",
                                                message: "the server failed to handle the request")
}

/// An error from another layer that knows which `HTTPError` it becomes (e.g. a trace parse error → 400).
public protocol HTTPErrorConvertible: Error {
    var httpError: HTTPError { get }
}

extension HTTPError {
    /// The RFC 9457 problem document: `type`, `title`, `status`, `detail`, plus the `code` extension member.
    ///
    /// `type` is `about:blank`, so `title` is the status phrase (RFC 9457 §4.2.1); `code` tells errors apart.
    public var response: HTTPResponse {
        let body = "{\"type\":\"about:blank\",\"title\":\(Self.jsonString(HTTPStatus.reasonPhrase(status)))"
            + ",\"status\":\(status),\"code\":\(Self.jsonString(code)),\"detail\":\(Self.jsonString(message))}"
        var response = HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
        response.headers.set("Content-Type", "application/problem+json")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `text` as a JSON string literal (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The `HTTPError` for any error a handler throws; unknown errors become a generic 500 that leaks nothing.
    public static func from(_ error: any Error) -> HTTPError {
        if let error = error as? HTTPError { return error }
        if let error = error as? any HTTPErrorConvertible { return error.httpError }
        return .internalError
    }
}
