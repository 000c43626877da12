import Foundation
import Geo
import Geocoding
import MapRendering
import Routing

extension TraceEngine {
    /// The route of `trace` as GeoJSON in `datum`, styled (simplestyle colours and widths) by the named map style.
    /// - Throws: `RenderError` when the style does not exist.
    public func routeGeoJSON(_ trace: GeocodedTrace, datum: Datum, styleName: String = "default") throws -> Data {
        let style = try renderer.styles.style(named: styleName)
        return RouteGeoJSON.encode(route: route(trace), trace: trace, datum: datum, style: Self.geoJSONStyle(style))
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
