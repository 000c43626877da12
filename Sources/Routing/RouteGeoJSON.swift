import Foundation
import Geo
import Geocoding

/// A route as a GeoJSON FeatureCollection, for clients that draw their own map (Amap, Baidu, Tencent, WeChat).
///
/// RFC 7946: positions are `[lon, lat]` with at most 6 decimals; lines that cross the antimeridian are cut there
/// into a `MultiLineString` (§3.1.9). Features: the travelled line, the remaining line(s) (`predicted: true` where
/// the way ahead goes through a predicted stop), every stop as a Point, and the current position as a Point.
/// Styling follows the simplestyle-spec 1.1 keys (`stroke`, `stroke-width`, `stroke-opacity`, `marker-color`).
/// The foreign member `"datum"` names the datum of every position: `wgs84` is RFC 7946's own; `gcj02` and `bd09`
/// convert the positions inside mainland China only (`MainlandChina`), as those platforms expect, and are
/// therefore not strictly RFC 7946 documents.
public enum RouteGeoJSON {
    /// Colours and widths for the simplestyle properties, taken from a map style by the caller.
    public struct Style: Sendable, Hashable {
        public var travelledStroke: String
        public var travelledWidth: Double
        public var remainingStroke: String
        public var remainingWidth: Double
        /// `marker-color` per stop role name (`origin`, `hub`, `current`, `destination`, `predicted`).
        public var markerColours: [String: String]

        public init(travelledStroke: String, travelledWidth: Double, remainingStroke: String, remainingWidth: Double,
                    markerColours: [String: String])
        {
            self.travelledStroke = travelledStroke
            self.travelledWidth = travelledWidth
            self.remainingStroke = remainingStroke
            self.remainingWidth = remainingWidth
            self.markerColours = markerColours
        }
    }

    /// Decimals written per coordinate: 6 is about 0.1 m (RFC 7946 §11.2 advises against more precision than needed).
    static let decimals = 6

    /// Encodes `route` (built from `trace`) in `datum`.
    public static func encode(route: Route, trace: GeocodedTrace, datum: Datum, style: Style) -> Data {
        var features: [String] = []
        let travelled = travelledPath(route)
        if travelled.count >= 2 {
            features.append(lineFeature(travelled, datum: datum, properties: [
                ("kind", quoted("travelled")), ("stroke", quoted(style.travelledStroke)),
                ("stroke-width", number(style.travelledWidth)), ("stroke-opacity", "1"),
            ]))
        }
        for run in remainingRuns(route) where run.path.count >= 2 {
            features.append(lineFeature(run.path, datum: datum, properties: [
                ("kind", quoted("remaining")), ("predicted", run.predicted ? "true" : "false"),
                ("stroke", quoted(style.remainingStroke)), ("stroke-width", number(style.remainingWidth)),
                ("stroke-opacity", run.predicted ? "0.6" : "1"),
            ]))
        }
        for (i, stop) in route.stops.enumerated() {
            let role = publicRole(stop, index: i, route: route)
            var properties: [(String, String)] = [
                ("kind", quoted("stop")), ("name", quoted(stop.place.name)),
                ("name_en", stop.place.englishName.map(quoted) ?? "null"),
                ("level", quoted(stop.place.level.rawValue)), ("role", quoted(role)),
                ("route_role", quoted(stop.role.rawValue)), ("visited", stop.isVisited ? "true" : "false"),
                ("time", stop.arrived.map { quoted(TraceTime.format($0, offset: offset(of: stop, in: trace))) } ?? "null"),
                ("confidence", GeocodeJSON.number(stop.place.confidence, 2)),
                ("source", quoted(stop.place.source.rawValue)), ("country", quoted(stop.place.country)),
            ]
            if let colour = style.markerColours[role] { properties.append(("marker-color", quoted(colour))) }
            features.append(pointFeature(stop.position, datum: datum, properties: properties))
        }
        if let current = route.current {
            var properties: [(String, String)] = [("kind", quoted("current"))]
            if let place = route.currentPlace { properties.append(("name", quoted(place.name))) }
            if let colour = style.markerColours["current"] { properties.append(("marker-color", quoted(colour))) }
            features.append(pointFeature(current, datum: datum, properties: properties))
        }
        var out = "{\"type\":\"FeatureCollection\",\"datum\":" + quoted(datum.rawValue)
        out += ",\"route\":{\"state\":" + quoted(route.state.rawValue)
        out += ",\"progress\":" + (route.progress.map { GeocodeJSON.number($0, 4) } ?? "null")
        out += ",\"travelled_km\":" + GeocodeJSON.number(route.travelledKm, 1)
        out += ",\"remaining_km\":" + (route.remainingKm.map { GeocodeJSON.number($0, 1) } ?? "null")
        out += ",\"unknown\":" + (route.isUnknown ? "true" : "false") + "}"
        out += ",\"features\":[" + features.joined(separator: ",") + "]}"
        return Data(out.utf8)
    }

    /// The role in the GeoJSON's vocabulary: `origin`, `hub`, `current`, `destination` or `predicted`.
    static func publicRole(_ stop: RouteStop, index: Int, route: Route) -> String {
        if stop.role.rawValue == "predicted" { return "predicted" }
        switch stop.role {
        case .origin: return "origin"
        case .destination, .returnTarget: return "destination"
        case .current: return "current"
        default: return route.currentStopIndex == index ? "current" : "hub"
        }
    }

    /// Origin to the parcel: the travelled legs and the covered part of the current one.
    static func travelledPath(_ route: Route) -> [Coordinate] {
        var path: [Coordinate] = []
        for leg in route.legs {
            append(leg.travelledPath, to: &path)
            if leg.kind == .current, let current = route.current { append([current], to: &path) }
        }
        return path
    }

    /// The parcel to the end, cut wherever the way ahead starts or stops going through predicted stops.
    static func remainingRuns(_ route: Route) -> [(path: [Coordinate], predicted: Bool)] {
        var runs: [(path: [Coordinate], predicted: Bool)] = []
        for leg in route.legs where leg.kind != .travelled {
            var piece = leg.remainingPath
            if leg.kind == .current, let current = route.current { piece.insert(current, at: 0) }
            let predicted = route.stops[leg.to].role.rawValue == "predicted" || route.stops[leg.from].role.rawValue == "predicted"
            if let last = runs.indices.last, runs[last].predicted == predicted {
                append(piece, to: &runs[last].path)
            } else {
                // A new run starts where the last one ended, so the lines join.
                var start = runs.last?.path.last.map { [$0] } ?? []
                append(piece, to: &start)
                runs.append((start, predicted))
            }
        }
        return runs
    }

    static func append(_ points: [Coordinate], to path: inout [Coordinate]) {
        for p in points where path.last != p { path.append(p) }
    }

    static func offset(of stop: RouteStop, in trace: GeocodedTrace) -> Int {
        guard let i = stop.firstEventIndex, trace.events.indices.contains(i) else { return TraceTime.chinaOffset }
        return trace.events[i].utcOffsetSeconds
    }

    // MARK: - Geometry

    /// A position in `datum`, its longitude brought back into −180…180.
    static func position(_ c: Coordinate, datum: Datum) -> Coordinate {
        let wrapped = Coordinate(lat: c.lat, lon: wrap(c.lon))
        guard datum != .wgs84, MainlandChina.contains(wrapped) else { return wrapped }
        return Datum.wgs84.convert(wrapped, to: datum)
    }

    static func wrap(_ lon: Double) -> Double {
        var l = lon.truncatingRemainder(dividingBy: 360)
        if l > 180 { l -= 360 } else if l < -180 { l += 360 }
        return l
    }

    /// Cuts an unwrapped polyline at every multiple of ±180° it crosses (RFC 7946 §3.1.9), interpolating the latitude.
    static func antimeridianParts(_ path: [Coordinate]) -> [[Coordinate]] {
        guard var previous = path.first else { return [] }
        var parts: [[Coordinate]] = [[previous]]
        for point in path.dropFirst() {
            // Which 360° band (centred on 0) each point is in; a change of band is a crossing of ±180°.
            let bandA = ((previous.lon + 180) / 360).rounded(.down), bandB = ((point.lon + 180) / 360).rounded(.down)
            if bandA != bandB {
                let edge = (max(bandA, bandB)) * 360 - 180
                let t = (edge - previous.lon) / (point.lon - previous.lon)
                let lat = previous.lat + t * (point.lat - previous.lat)
                let eastward = point.lon > previous.lon
                parts[parts.count - 1].append(Coordinate(lat: lat, lon: eastward ? 180 : -180))
                parts.append([Coordinate(lat: lat, lon: eastward ? -180 : 180)])
                // The crossing point must not be wrapped to the other side by `position`: store it pre-wrapped.
            }
            parts[parts.count - 1].append(point)
            previous = point
        }
        return parts.filter { $0.count >= 2 }
    }

    static func lineFeature(_ path: [Coordinate], datum: Datum, properties: [(String, String)]) -> String {
        let parts = antimeridianParts(path).map { part in
            "[" + part.map { point in
                // ±180 exactly are crossing points: keep their side.
                let p = abs(point.lon) == 180 ? point : position(point, datum: datum)
                return coordinates(p)
            }.joined(separator: ",") + "]"
        }
        let geometry = parts.count == 1
            ? "{\"type\":\"LineString\",\"coordinates\":\(parts[0])}"
            : "{\"type\":\"MultiLineString\",\"coordinates\":[\(parts.joined(separator: ","))]}"
        return feature(geometry: geometry, properties: properties)
    }

    static func pointFeature(_ c: Coordinate, datum: Datum, properties: [(String, String)]) -> String {
        feature(geometry: "{\"type\":\"Point\",\"coordinates\":\(coordinates(position(c, datum: datum)))}",
                properties: properties)
    }

    static func feature(geometry: String, properties: [(String, String)]) -> String {
        "{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{"
            + properties.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}}"
    }

    static func coordinates(_ c: Coordinate) -> String {
        "[\(GeocodeJSON.number(c.lon, decimals)),\(GeocodeJSON.number(c.lat, decimals))]"
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        GeocodeJSON.string(s, into: &out)
        return out
    }

    static func number(_ v: Double) -> String { GeocodeJSON.number(v, 2) }
}
