import Foundation
import Geocoding

extension DeliveryEstimate {
    /// `{"eta": {"likely", "earliest", "latest", "basis", "sample_size"} or null, "predicted_stops": [...]}`, times
    /// in ISO 8601 with the destination's offset; each predicted stop is `{"name", "lat", "lon", "predicted": true}`.
    public var json: String {
        var out = "{\"eta\":"
        if let eta {
            func time(_ d: Date) -> String { "\"" + TraceTime.format(d, offset: eta.utcOffsetSeconds) + "\"" }
            out += "{\"likely\":\(time(eta.likely)),\"earliest\":\(time(eta.earliest)),\"latest\":\(time(eta.latest))"
            out += ",\"basis\":\"\(eta.basis.rawValue)\",\"sample_size\":\(eta.sampleSize)}"
        } else {
            out += "null"
        }
        out += ",\"predicted_stops\":["
        for (i, stop) in predictedStops.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":"
            GeocodeJSON.string(stop.name, into: &out)
            out += ",\"lat\":\(GeocodeJSON.number(stop.coordinate.lat, 6)),\"lon\":\(GeocodeJSON.number(stop.coordinate.lon, 6))"
            out += ",\"predicted\":true}"
        }
        return out + "]}"
    }

    /// The `"eta"` member as a JSON object (`NSNull` when there is none), for documents built with
    /// `JSONSerialization` (the shipment JSON, the route GeoJSON, MCP results): the same fields as `json`.
    public var etaObject: Any {
        guard let eta else { return NSNull() }
        func time(_ d: Date) -> String { TraceTime.format(d, offset: eta.utcOffsetSeconds) }
        return ["likely": time(eta.likely), "earliest": time(eta.earliest), "latest": time(eta.latest),
                "basis": eta.basis.rawValue, "sample_size": eta.sampleSize] as [String: Any]
    }

    /// The `"predicted_stops"` member as JSON objects: the same fields as `json`.
    public var predictedStopObjects: [[String: Any]] {
        predictedStops.map {
            ["name": $0.name, "lat": ($0.coordinate.lat * 1e6).rounded() / 1e6,
             "lon": ($0.coordinate.lon * 1e6).rounded() / 1e6, "predicted": true]
        }
    }
}
