/// Serializes a response into the bytes of an HTTP/1.1 message (RFC 9112 §4, §6).
enum ResponseEncoder {
    /// The status line, the server's own fields (`Date`, `Content-Length`, `Connection`), the handler's fields and,
    /// unless `headOnly`, the content.
    ///
    /// `Content-Length` is always the content's length, also for HEAD (RFC 9110 §9.3.2: the same fields as GET).
    /// 1xx/204/304 carry no content and no computed `Content-Length` (RFC 9110 §8.6), though a 304 may repeat
    /// one the handler set.
    static func encode(_ response: HTTPResponse, headOnly: Bool, close: Bool, version: HTTPVersion) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))\r\n"
        head += "Date: \(HTTPDate.now())\r\n"
        let forbidsContent = response.statusForbidsContent
        if !forbidsContent {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        if close {
            head += "Connection: close\r\n"
        } else if version == .http10 {
            head += "Connection: keep-alive\r\n"
        }
        for field in response.headers {
            if HTTPHeaders.sameName(field.name, "Content-Length") && !(response.status == 304) { continue }
            if HTTPHeaders.sameName(field.name, "Transfer-Encoding") || HTTPHeaders.sameName(field.name, "Connection")
                || HTTPHeaders.sameName(field.name, "Date") { continue }
            head += "\(sanitized(field.name)): \(sanitized(field.value))\r\n"
        }
        head += "\r\n"
        let withBody = !headOnly && !forbidsContent
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + (withBody ? response.body.count : 0))
        bytes.append(contentsOf: head.utf8)
        if withBody { bytes.append(contentsOf: response.body) }
        return bytes
    }

    /// `text` with CR, LF and NUL replaced by spaces, so no field a handler sets can split the response.
    private static func sanitized(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\0" ? " " : $0 })
    }
}
