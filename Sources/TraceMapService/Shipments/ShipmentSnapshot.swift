import Arrival
import Foundation
import Geocoding
import Pipeline

/// What a shipment is now, as `GET /v1/shipments/{carrier}/{number}` and its event stream both report it.
///
/// Built once from the stored record and its geocoded trace, so the JSON and the events cannot disagree.
struct ShipmentSnapshot {
    let version: Int
    let state: String
    let currentName: String?
    let progress: Double?
    let remainingKm: Double?
    let travelledKm: Double
    /// The ETA's JSON value (an object, or null) and the predicted stops, as the estimate encodes them.
    let eta: Any
    let predictedStops: Any
    let updatedAt: String

    init(record: ShipmentRecord, trace: GeocodedTrace, engine: TraceEngine, history: DeliveryHistory?) {
        let route = engine.route(trace)
        version = record.version
        state = trace.state.rawValue
        currentName = trace.events.last(where: { $0.place != nil })?.place?.name
        progress = route.progress.map { ($0 * 1000).rounded() / 1000 }
        remainingKm = route.remainingKm.map { ($0 * 10).rounded() / 10 }
        travelledKm = (route.travelledKm * 10).rounded() / 10
        let estimate = engine.estimate(trace, route: route, history: history)
        eta = estimate.etaObject
        predictedStops = estimate.predictedStopObjects
        updatedAt = ISO8601DateFormatter().string(from: record.updatedAt)
    }

    /// The members the shipment JSON takes from the snapshot (its keys, unchanged).
    var shipmentFields: [String: Any] {
        ["version": version, "updated_at": updatedAt, "current_name": currentName ?? NSNull(),
         "progress": progress ?? NSNull(), "remaining_km": remainingKm ?? NSNull(), "travelled_km": travelledKm,
         "eta": eta, "predicted_stops": predictedStops]
    }

    /// The one-line JSON `data` of a `shipment` event: what a page needs to know it must redraw.
    var eventFields: [String: Any] {
        ["version": version, "state": state, "current_place": currentName ?? NSNull(),
         "progress": progress ?? NSNull(), "remaining_km": remainingKm ?? NSNull(), "eta": eta,
         "updated_at": updatedAt]
    }

    /// The snapshot as one server-sent event (WHATWG HTML, "Server-sent events", §9.2.6 interpreting an event
    /// stream): `id` is the version, so a reconnecting client's `Last-Event-ID` says what it has; `event` names
    /// the type; `data` is a single line of JSON (JSON text escapes every newline, so no line can break it).
    /// `retry` asks a dropped client to reconnect after 2 s.
    func event(retry: Bool = false) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: eventFields,
                                                options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var text = retry ? "retry: 2000\n" : ""
        text += "id: \(version)\nevent: shipment\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"
        return Array(text.utf8)
    }
}
