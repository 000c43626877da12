import HTTPServer

/// The one log line per request: method, path and query without the signature, status, bytes, milliseconds.
///
/// `GET /v1/maps/ab12.png?size=640x480&exp=1900000000 200 48213B 3.4ms 127.0.0.1:52344`
///
/// Every field a client chooses is escaped (`escaped(_:)`), so a request cannot forge a line (`%0A`), colour or
/// clear a terminal (`%1B`), or shift the fields (a decoded space).
public enum RequestLogFormatter {
    public static func line(_ record: HTTPLogRecord) -> String {
        let query = URLSigner.redacted(query: record.query)
        let target = query.isEmpty ? record.path : record.path + "?" + query
        let milliseconds = (record.milliseconds * 10).rounded() / 10
        return "\(escaped(record.method)) \(escaped(target)) \(record.status) \(record.bytes)B \(milliseconds)ms "
            + escaped(record.peer)
    }

    /// `text` with control characters (C0, DEL, C1), spaces and backslashes written as `\xHH` or `\u{H…}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for u in text.unicodeScalars {
            if !needsEscape(u) {
                out.unicodeScalars.append(u)
            } else if u.value < 0x100 {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, space, backslash, and the Unicode line and paragraph separators.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v <= 0x20 || v == 0x5C || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }
}
