import Foundation

/// Kdniao (快递鸟) query responses and push bodies.
///
/// Query (即时查询, RequestType 1002/8001): `{ShipperCode, LogisticCode, State, StateEx, Location,
/// Traces: [{AcceptTime, AcceptStation, Location?, Action?}]}`, oldest event first.
/// Push (轨迹推送, RequestType 101): `RequestData` (an object, or a JSON string when form-encoded) holds
/// `Data: [shipment…]`, each shaped like a query response.
enum KdniaoFormat {
    static func parsePush(_ request: [String: Any], limits: TraceLimits) throws -> [Trace] {
        guard let list = request["Data"] as? [Any] else {
            throw TraceError(.unknownFormat, "a Kdniao push needs RequestData.Data[]")
        }
        return try list.enumerated().map { i, item in
            guard let shipment = item as? [String: Any] else {
                throw TraceError(.badField, "RequestData.Data[\(i)] must be an object")
            }
            return try parseShipment(shipment, format: .kdniaoPush, limits: limits)
        }
    }

    static func parseShipment(_ object: [String: Any], format: TraceFormat, limits: TraceLimits) throws -> Trace {
        let raw = try TraceParser.events(object, "Traces", limits: limits)
        var events: [TraceEvent] = []
        events.reserveCapacity(raw.count)
        for (i, e) in raw.enumerated() {
            let (time, offset) = try TraceParser.time(e, ["AcceptTime"], position: i)
            let text = try TraceParser.text(e, ["AcceptStation", "Remark"], position: i, limits: limits)
            let location = try TraceParser.string(e, "Location").flatMap { $0.isEmpty ? nil : $0 }
            let action = try TraceParser.string(e, "Action")
            events.append(TraceEvent(index: i, time: time, utcOffsetSeconds: offset, text: text, location: location,
                                     vendorState: action.flatMap { VendorState.kdniao(state: nil, stateEx: $0) }))
        }
        let state = VendorState.kdniao(state: try TraceParser.string(object, "State"),
                                       stateEx: try TraceParser.string(object, "StateEx"))
        return Trace(format: format, carrier: try TraceParser.string(object, "ShipperCode"),
                     number: try TraceParser.string(object, "LogisticCode"),
                     events: TraceParser.sortedByTime(events), vendorState: state,
                     vendorLocation: try TraceParser.string(object, "Location").flatMap { $0.isEmpty ? nil : $0 })
    }
}
