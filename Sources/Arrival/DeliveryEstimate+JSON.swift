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
}
