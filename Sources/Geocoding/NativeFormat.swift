import Foundation

/// The native format: `{carrier?, number?, origin?, destination?, events: [{time, text, location?, lat?, lon?}]}`,
/// where `origin` and `destination` are address strings or `{lat, lon}` (WGS-84).
enum NativeFormat {
    static func parse(_ object: [String: Any], limits: TraceLimits) throws -> Trace {
        let raw = try TraceParser.events(object, "events", limits: limits)
        var events: [TraceEvent] = []
        events.reserveCapacity(raw.count)
        for (i, e) in raw.enumerated() {
            let (time, offset) = try TraceParser.time(e, ["time"], position: i)
            if let t = e["text"], !(t is String) && !(t is NSNull) {
                throw TraceError(.badField, "event \(i): 'text' must be a string")
            }
            let text = try TraceParser.text(e, ["text"], position: i, limits: limits)
            let c = try TraceParser.coordinate(lat: e["lat"], lon: e["lon"], what: "event \(i)")
            events.append(TraceEvent(index: i, time: time, utcOffsetSeconds: offset, text: text,
                                     location: try TraceParser.string(e, "location").flatMap { $0.isEmpty ? nil : $0 },
                                     coordinate: c))
        }
        return Trace(format: .native, carrier: try TraceParser.string(object, "carrier"),
                     number: try TraceParser.string(object, "number"), events: TraceParser.sortedByTime(events),
                     origin: try endpoint(object["origin"], "origin"),
                     destination: try endpoint(object["destination"], "destination"))
    }

    static func endpoint(_ value: Any?, _ what: String) throws -> TraceEndpoint? {
        switch value {
        case nil, is NSNull: return nil
        case let s as String: return s.isEmpty ? nil : .address(s)
        case let o as [String: Any]:
            guard let c = try TraceParser.coordinate(lat: o["lat"], lon: o["lon"], what: what) else {
                throw TraceError(.badCoordinates, "\(what) needs lat and lon")
            }
            return .coordinate(c)
        default:
            throw TraceError(.badField, "\(what) must be an address string or {lat, lon}")
        }
    }
}
