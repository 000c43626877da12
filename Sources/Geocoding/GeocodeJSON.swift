import Foundation

/// The geocode JSON contract, shared by `tracemap geocode` and the service's `POST /v1/geocode`:
///
/// ```
/// {"events": [{"index", "time", "text", "place", "next"}], "origin", "destination", "state"}
/// ```
/// with each place `{"name", "level", "code", "country", "lat", "lon", "confidence", "source"}` (WGS-84, `code`
/// null when the place has none), and for a logistics site `"area"`, the place it lies in. Keys are written in this
/// order; lat/lon have 6 decimals, confidence 2.
public enum GeocodeJSON {
    /// One trace as a JSON object.
    public static func encode(_ trace: GeocodedTrace) -> Data {
        var out = ""
        write(trace, into: &out)
        return Data(out.utf8)
    }

    /// Several traces (a push with several shipments) as a JSON array of objects.
    public static func encode(_ traces: [GeocodedTrace]) -> Data {
        var out = "["
        for (i, t) in traces.enumerated() {
            if i > 0 { out += "," }
            write(t, into: &out)
        }
        out += "]"
        return Data(out.utf8)
    }

    static func write(_ trace: GeocodedTrace, into out: inout String) {
        out += "{\"events\":["
        for (i, e) in trace.events.enumerated() {
            if i > 0 { out += "," }
            out += "{\"index\":\(e.index),\"time\":"
            string(TraceTime.format(e.time, offset: e.utcOffsetSeconds), into: &out)
            out += ",\"text\":"
            string(e.text, into: &out)
            out += ",\"place\":"
            place(e.place, into: &out)
            out += ",\"next\":"
            place(e.next, into: &out)
            out += "}"
        }
        out += "],\"origin\":"
        place(trace.origin, into: &out)
        out += ",\"destination\":"
        place(trace.destination, into: &out)
        out += ",\"state\":"
        string(trace.state.rawValue, into: &out)
        out += "}"
    }

    static func place(_ p: LocatedPlace?, into out: inout String) {
        guard let p else { out += "null"; return }
        out += "{\"name\":"
        string(p.name, into: &out)
        out += ",\"level\":"
        string(p.level.rawValue, into: &out)
        out += ",\"code\":"
        if let code = p.code { string(code, into: &out) } else { out += "null" }
        out += ",\"country\":"
        string(p.country, into: &out)
        out += ",\"lat\":\(number(p.coordinate.lat, 6)),\"lon\":\(number(p.coordinate.lon, 6))"
        out += ",\"confidence\":\(number(p.confidence, 2)),\"source\":"
        string(p.source.rawValue, into: &out)
        if let area = p.area {
            out += ",\"area\":"
            string(area, into: &out)
        }
        out += "}"
    }

    /// A finite number with at most `digits` decimals and no trailing zeros.
    public static func number(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "null" }
        var s = String(format: "%.\(digits)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A JSON string literal (RFC 8259 §7: quote, backslash and control characters escaped).
    public static func string(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
