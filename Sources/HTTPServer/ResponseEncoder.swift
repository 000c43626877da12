/// Serializes a response into the bytes of an HTTP/1.1 message (RFC 9112 §4, §6).
///
/// The head is built straight into bytes and sent with the body in one `sendmsg` (`Socket.sendAll(_:_:)`), so the
/// body (a cached image, often tens of KiB) is never copied into a second buffer.
enum ResponseEncoder {
    /// The whole message: `head(…)` followed, unless `headOnly` or the status forbids it, by the content.
    static func encode(_ response: HTTPResponse, headOnly: Bool, close: Bool, version: HTTPVersion,
                       date: [UInt8] = Array(HTTPDate.now().utf8)) -> [UInt8] {
        var bytes = head(response, close: close, version: version, date: date)
        if sendsBody(response, headOnly: headOnly) { bytes.append(contentsOf: response.body) }
        return bytes
    }

    /// Whether the content goes on the wire: not for HEAD, not for 1xx/204/304.
    static func sendsBody(_ response: HTTPResponse, headOnly: Bool) -> Bool {
        !headOnly && !response.statusForbidsContent
    }

    /// The status line, the server's own fields (`Date`, `Content-Length`, `Connection`), the handler's fields and
    /// the empty line that ends the head. `date` is the `Date` value (`HTTPDate.Cache`).
    ///
    /// `Content-Length` is always the content's length, also for HEAD (RFC 9110 §9.3.2: the same fields as GET).
    /// 1xx/204/304 carry no content and no computed `Content-Length` (RFC 9110 §8.6), though a 304 may repeat
    /// one the handler set.
    static func head(_ response: HTTPResponse, close: Bool, version: HTTPVersion, date: [UInt8]) -> [UInt8] {
        head(response, framing: response.statusForbidsContent ? .none : .length(response.body.count), close: close,
             version: version, date: date)
    }

    /// How the content of a response is delimited on the wire (RFC 9112 §6.3).
    enum Framing {
        /// No content field at all (1xx/204/304).
        case none
        /// `Content-Length: n`.
        case length(Int)
        /// `Transfer-Encoding: chunked` (HTTP/1.1 only).
        case chunked
        /// Neither field: the content ends when the connection closes (RFC 9112 §6.3 rule 8), for HTTP/1.0.
        case untilClose
    }

    /// The head of a streamed response: chunked on HTTP/1.1, ended by the close on HTTP/1.0; always `close`.
    static func streamHead(_ response: HTTPResponse, version: HTTPVersion, date: [UInt8]) -> [UInt8] {
        head(response, framing: version == .http11 ? .chunked : .untilClose, close: true, version: version, date: date)
    }

    /// One chunk of a chunked body: its size in hex, CRLF, the bytes, CRLF (RFC 9112 §7.1).
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A]
    }

    /// The last chunk and the empty trailer section that end a chunked body (RFC 9112 §7.1).
    static let lastChunk = Array("0\r\n\r\n".utf8)

    private static func head(_ response: HTTPResponse, framing: Framing, close: Bool, version: HTTPVersion,
                             date: [UInt8]) -> [UInt8] {
        var head: [UInt8] = []
        let fieldBytes = response.headers.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        head.reserveCapacity(160 + fieldBytes)
        head.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status, to: &head)
        head.append(0x20)
        head.append(contentsOf: HTTPStatus.reasonPhrase(response.status).utf8)
        head.append(contentsOf: "\r\nDate: ".utf8)
        head.append(contentsOf: date)
        head.append(contentsOf: "\r\n".utf8)
        switch framing {
        case .none, .untilClose: break
        case .length(let count):
            head.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(count, to: &head)
            head.append(contentsOf: "\r\n".utf8)
        case .chunked:
            head.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        }
        if close {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http10 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        for field in response.headers {
            if HTTPHeaders.sameName(field.name, "Content-Length") && !(response.status == 304) { continue }
            if HTTPHeaders.sameName(field.name, "Transfer-Encoding") || HTTPHeaders.sameName(field.name, "Connection")
                || HTTPHeaders.sameName(field.name, "Date") { continue }
            appendSanitized(field.name, to: &head)
            head.append(contentsOf: ": ".utf8)
            appendSanitized(field.value, to: &head)
            head.append(contentsOf: "\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        return head
    }

    /// The decimal digits of a non-negative `value`.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        precondition(value >= 0, "status codes and lengths are not negative")
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = value
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(0x30 + rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: buffer[index...])
        }
    }

    /// `text`'s bytes with CR, LF and NUL replaced by spaces, so no field a handler sets can split the response.
    private static func appendSanitized(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            bytes.append(byte == 0x0D || byte == 0x0A || byte == 0 ? 0x20 : byte)
        }
    }
}
