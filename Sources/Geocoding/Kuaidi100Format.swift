import Foundation

/// Kuaidi100 (快递100) query responses and push bodies.
///
/// Query (实时快递查询): `{com, nu, state, data: [{time, ftime, context, areaName?, areaCode?, status?}]}`,
/// newest event first. Push (订阅推送): `param` (an object, or a JSON string when form-encoded) holds
/// `lastResult`, shaped like a query response. `areaCode` is `CN` plus a 12-digit area code (`CN370112005000`).
enum Kuaidi100Format {
    static func parse(_ object: [String: Any], format: TraceFormat, limits: TraceLimits) throws -> Trace {
        let raw = try TraceParser.events(object, "data", limits: limits)
        var events: [TraceEvent] = []
        events.reserveCapacity(raw.count)
        // Newest first: walk from the end so equal times keep their chronological order after the stable sort.
        for i in stride(from: raw.count - 1, through: 0, by: -1) {
            let e = raw[i]
            let (time, offset) = try TraceParser.time(e, ["ftime", "time"], position: i)
            let text = try TraceParser.text(e, ["context"], position: i, limits: limits)
            let area = try TraceParser.string(e, "areaName").flatMap { $0.isEmpty ? nil : $0 }
            let code = try TraceParser.string(e, "areaCode").flatMap { $0.isEmpty ? nil : $0 }
            // areaCenter ("lon,lat" on Kuaidi100's GCJ-02 maps) is not used: areaCode and areaName are the evidence.
            let c = TraceEvent(index: i, time: time, utcOffsetSeconds: offset, text: text, location: area,
                               areaCode: code,
                               vendorState: VendorState.kuaidi100Event(try TraceParser.string(e, "status")))
            events.append(c)
        }
        var destination: TraceEndpoint?
        if let route = object["routeInfo"] as? [String: Any], let to = route["to"] as? [String: Any],
           let name = try TraceParser.string(to, "name"), !name.isEmpty
        {
            destination = .address(name)
        }
        var origin: TraceEndpoint?
        if let route = object["routeInfo"] as? [String: Any], let from = route["from"] as? [String: Any],
           let name = try TraceParser.string(from, "name"), !name.isEmpty
        {
            origin = .address(name)
        }
        return Trace(format: format, carrier: try TraceParser.string(object, "com"),
                     number: try TraceParser.string(object, "nu"), events: TraceParser.sortedByTime(events),
                     origin: origin, destination: destination,
                     vendorState: VendorState.kuaidi100(state: try TraceParser.string(object, "state")))
    }
}
