import Arrival
import Foundation
import Geo
import Geocoding
import MapRendering
import Routing

extension TraceEngine {
    /// The route of `trace` as GeoJSON in `datum`, styled (simplestyle colours and widths) by the named map style.
    /// - Throws: `RenderError` when the style does not exist.
    ///
    /// When a delivery estimate is known, the collection carries it as the foreign member `"eta"` (`{likely,
    /// earliest, latest, basis, sample_size}`, as the shipment JSON has it) and each predicted stop as a Point
    /// feature with `"kind": "predicted"` (RFC 7946 §6.1 allows foreign members).
    public func routeGeoJSON(_ trace: GeocodedTrace, datum: Datum, styleName: String = "default",
                             history: DeliveryHistory? = nil) throws -> Data {
        let style = try renderer.styles.style(named: styleName)
        let route = route(trace)
        let data = RouteGeoJSON.encode(route: route, trace: trace, datum: datum, style: Self.geoJSONStyle(style))
        let estimate = estimate(trace, route: route, history: history)
        guard estimate.eta != nil || !estimate.predictedStops.isEmpty,
              var collection = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return data }
        collection["eta"] = estimate.etaObject
        var features = collection["features"] as? [Any] ?? []
        for stop in estimate.predictedStops {
            let c = Datum.wgs84.convert(stop.coordinate, to: datum)
            features.append(["type": "Feature",
                             "geometry": ["type": "Point", "coordinates": [(c.lon * 1e6).rounded() / 1e6, (c.lat * 1e6).rounded() / 1e6]],
                             "properties": ["kind": "predicted", "name": stop.name, "predicted": true,
                                            "marker-color": Self.geoJSONStyle(style).markerColours["predicted"] ?? "#888888"]] as [String: Any])
        }
        collection["features"] = features
        return (try? JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys, .withoutEscapingSlashes])) ?? data
    }

    /// The simplestyle properties a map style implies: its route line colours and widths, its marker fills.
    static func geoJSONStyle(_ style: Style) -> RouteGeoJSON.Style {
        RouteGeoJSON.Style(
            travelledStroke: hex(style.travelled.colour), travelledWidth: style.travelled.width,
            remainingStroke: hex(style.remaining.colour), remainingWidth: style.remaining.width,
            markerColours: ["origin": hex(style.origin.fill), "hub": hex(style.hub.fill),
                            "current": hex(style.current.fill), "destination": hex(style.destination.fill),
                            "predicted": hex(style.remaining.colour)])
    }

    /// `#rrggbb` (simplestyle has no alpha in colours).
    static func hex(_ c: Colour) -> String {
        func byte(_ v: Double) -> String {
            let b = Int((max(0, min(1, v)) * 255).rounded())
            return (b < 16 ? "0" : "") + String(b, radix: 16)
        }
        return "#" + byte(c.red) + byte(c.green) + byte(c.blue)
    }
}
