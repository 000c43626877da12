import Foundation
import Geo

/// Reads trace bodies in any supported format: Kdniao query and push, Kuaidi100 query and push, native.
///
/// The format is detected from the JSON's shape. A push may carry several shipments and parses into several
/// traces; the export and webhook code call `parse(_:)` and handle each trace in turn.
public struct TraceParser: Sendable {
    public var limits: TraceLimits

    public init(limits: TraceLimits = .default) {
        self.limits = limits
    }

    /// Parses a body into one trace per shipment, events sorted by time (stable) with input positions kept.
    /// - Throws: `TraceError` with a stable code.
    public func parse(_ data: Data) throws -> [Trace] {
        guard data.count <= limits.maxBodyBytes else {
            throw TraceError(.bodyTooLarge, "the body is \(data.count) bytes; the limit is \(limits.maxBodyBytes)")
        }
        let root = try Self.json(data)
        return try parse(json: root)
    }

    /// Parses an already-decoded JSON value (`JSONSerialization` types).
    public func parse(json root: Any) throws -> [Trace] {
        guard let object = root as? [String: Any] else {
            throw TraceError(.unknownFormat, "expected a JSON object (Kdniao, Kuaidi100 or native trace)")
        }
        if object["events"] != nil { return [try NativeFormat.parse(object, limits: limits)] }
        if object["Traces"] != nil { return [try KdniaoFormat.parseShipment(object, format: .kdniaoQuery, limits: limits)] }
        if let request = object["RequestData"] {
            let inner = try Self.nested(request, field: "RequestData")
            return try KdniaoFormat.parsePush(inner, limits: limits)
        }
        if let list = object["Data"] as? [Any], list.allSatisfy({ ($0 as? [String: Any])?["Traces"] != nil }) {
            return try KdniaoFormat.parsePush(object, limits: limits)
        }
        if let param = object["param"] {
            let inner = try Self.nested(param, field: "param")
            guard let last = inner["lastResult"] else {
                throw TraceError(.unknownFormat, "a Kuaidi100 push needs param.lastResult")
            }
            return [try Kuaidi100Format.parse(try Self.nested(last, field: "lastResult"), format: .kuaidi100Push,
                                              limits: limits)]
        }
        if let last = object["lastResult"] {
            return [try Kuaidi100Format.parse(try Self.nested(last, field: "lastResult"), format: .kuaidi100Push,
                                              limits: limits)]
        }
        if object["data"] is [Any] {
            return [try Kuaidi100Format.parse(object, format: .kuaidi100Query, limits: limits)]
        }
        throw TraceError(.unknownFormat, "not a Kdniao (Traces, RequestData), Kuaidi100 (data, param.lastResult) "
            + "or native (events) trace; top-level keys: \(object.keys.sorted().prefix(8).joined(separator: ", "))")
    }

    /// Decodes JSON after checking the bytes are UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8).
    static func json(_ data: Data) throws -> Any {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TraceError(.invalidUTF8, "the body is not valid UTF-8")
        }
        do {
            return try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            throw TraceError(.invalidJSON, "the body is not valid JSON (\(Self.reason(error)))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "parse error"
    }

    /// A field that is either an object or a JSON string holding one (pushes arrive form-encoded with JSON strings).
    static func nested(_ value: Any, field: String) throws -> [String: Any] {
        if let object = value as? [String: Any] { return object }
        if let text = value as? String {
            let inner = try json(Data(text.utf8))
            if let object = inner as? [String: Any] { return object }
        }
        throw TraceError(.unknownFormat, "\(field) must be an object or a JSON string holding one")
    }

    // MARK: Field helpers shared by the formats.

    /// A string field; numbers are accepted and written as text; null/absent is nil.
    static func string(_ object: [String: Any], _ key: String) throws -> String? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber:
            return n.stringValue
        default: throw TraceError(.badField, "'\(key)' must be a string")
        }
    }

    /// The event array under `key`, checked against the event limit.
    static func events(_ object: [String: Any], _ key: String, limits: TraceLimits) throws -> [[String: Any]] {
        guard let value = object[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw TraceError(.badField, "'\(key)' must be an array") }
        guard list.count <= limits.maxEvents else {
            throw TraceError(.tooManyEvents, "\(list.count) events; the limit is \(limits.maxEvents)")
        }
        return try list.enumerated().map { i, item in
            guard let event = item as? [String: Any] else {
                throw TraceError(.badField, "event \(i) of '\(key)' must be an object")
            }
            return event
        }
    }

    /// The event text, checked against the length limit.
    static func text(_ event: [String: Any], _ keys: [String], position: Int, limits: TraceLimits) throws -> String {
        for key in keys {
            if let text = try string(event, key) {
                guard text.utf8.count <= limits.maxTextBytes else {
                    throw TraceError(.textTooLong, "event \(position) text is \(text.utf8.count) bytes; "
                        + "the limit is \(limits.maxTextBytes)")
                }
                return text
            }
        }
        return ""
    }

    /// The event time from the first present key, or `trace.bad_time`.
    static func time(_ event: [String: Any], _ keys: [String], position: Int) throws -> (Date, Int) {
        for key in keys {
            guard let raw = try? string(event, key), !raw.isEmpty else { continue }
            guard let parsed = TraceTime.parse(raw) else {
                throw TraceError(.badTime, "event \(position): cannot parse time '\(raw.prefix(40))'")
            }
            return (parsed.date, parsed.offset)
        }
        throw TraceError(.badTime, "event \(position) has no time (\(keys.joined(separator: "/")))")
    }

    /// A latitude/longitude pair from numbers (or numeric strings), checked for range.
    static func coordinate(lat: Any?, lon: Any?, what: String) throws -> Coordinate? {
        let isMissing: (Any?) -> Bool = { $0 == nil || $0 is NSNull }
        if isMissing(lat) && isMissing(lon) { return nil }
        func number(_ v: Any?) -> Double? {
            if isJSONBool(v) { return nil }
            if let n = v as? NSNumber { return n.doubleValue }
            if let s = v as? String { return Double(s.trimmingCharacters(in: .whitespaces)) }
            return nil
        }
        guard let la = number(lat), let lo = number(lon) else {
            throw TraceError(.badCoordinates, "\(what): lat and lon must both be numbers")
        }
        let c = Coordinate(lat: la, lon: lo)
        guard c.isValid else {
            throw TraceError(.badCoordinates, "\(what): lat \(la), lon \(lo) is out of range")
        }
        return c
    }

    /// Whether a decoded JSON value was `true`/`false` (which must not pass for a number).
    static func isJSONBool(_ v: Any?) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    /// Sorts events by time, keeping input order for equal times.
    static func sortedByTime(_ events: [TraceEvent]) -> [TraceEvent] {
        events.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }
}
