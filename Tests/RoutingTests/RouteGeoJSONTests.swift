import Foundation
import Geo
import Geocoding
import Testing
@testable import Routing

/// The route GeoJSON: RFC 7946 structure, antimeridian cuts, and the Chinese datums on mainland points only.
@Suite struct RouteGeoJSONTests {
    static let style = RouteGeoJSON.Style(travelledStroke: "#1f6feb", travelledWidth: 4, remainingStroke: "#8b949e",
                                          remainingWidth: 3, markerColours: ["origin": "#2da44e", "current": "#cf222e"])
    static let paris = Places.place("Paris", .foreignCity, "2988507", 48.8566, 2.3522, country: "FR")
    static let beijing = Places.place("北京市", .city, "110100", 39.9042, 116.4074)

    func json(_ route: Route, _ trace: GeocodedTrace, _ datum: Datum) throws -> [String: Any] {
        let data = RouteGeoJSON.encode(route: route, trace: trace, datum: datum, style: Self.style)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func features(_ doc: [String: Any], kind: String) -> [[String: Any]] {
        ((doc["features"] as? [[String: Any]]) ?? []).filter { (($0["properties"] as? [String: Any])?["kind"] as? String) == kind }
    }

    func point(_ feature: [String: Any]) -> Coordinate? {
        guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
              let c = geometry["coordinates"] as? [Double], c.count == 2 else { return nil }
        return Coordinate(lat: c[1], lon: c[0])
    }

    /// Every position of every geometry, as [lon, lat] arrays; checks each is a valid RFC 7946 position.
    func positions(_ doc: [String: Any]) -> [[Double]] {
        var all: [[Double]] = []
        for feature in (doc["features"] as? [[String: Any]]) ?? [] {
            #expect(feature["type"] as? String == "Feature")
            #expect(feature["properties"] is [String: Any])
            let geometry = feature["geometry"] as? [String: Any] ?? [:]
            switch geometry["type"] as? String {
            case "Point": all.append(geometry["coordinates"] as? [Double] ?? [])
            case "LineString":
                let line = geometry["coordinates"] as? [[Double]] ?? []
                #expect(line.count >= 2)
                all += line
            case "MultiLineString":
                let lines = geometry["coordinates"] as? [[[Double]]] ?? []
                #expect(lines.count >= 2 && lines.allSatisfy { $0.count >= 2 })
                all += lines.flatMap { $0 }
            case let other: Issue.record("unexpected geometry \(String(describing: other))")
            }
        }
        for p in all {
            #expect(p.count == 2 && abs(p[0]) <= 180 && abs(p[1]) <= 90, "\(p)")
        }
        return all
    }

    @Test func domesticRouteStructureAndStyle() throws {
        var t = TraceMaker()
        t.add("【深圳市】顺丰速运 已收取快件", at: Places.nanshanStation, state: .collected)
        t.add("快件离开【深圳华南陆运枢纽】，发往【武汉】", at: Places.shenzhenHub, next: Places.wuhan)
        let trace = t.trace(destination: Places.beijingWangjingStation)
        let route = RouteBuilder.build(trace: trace)
        let doc = try json(route, trace, .wgs84)
        #expect(doc["type"] as? String == "FeatureCollection")
        #expect(doc["datum"] as? String == "wgs84")
        _ = positions(doc)
        let travelled = features(doc, kind: "travelled")
        let remaining = features(doc, kind: "remaining")
        #expect(travelled.count == 1 && remaining.count == 1)
        let props = try #require(travelled.first?["properties"] as? [String: Any])
        #expect(props["stroke"] as? String == "#1f6feb" && props["stroke-width"] as? Double == 4)
        #expect((remaining.first?["properties"] as? [String: Any])?["predicted"] as? Bool == false)
        let stops = features(doc, kind: "stop")
        #expect(stops.count == route.stops.count)
        let roles = stops.compactMap { ($0["properties"] as? [String: Any])?["role"] as? String }
        #expect(roles.first == "origin" && roles.last == "destination")
        #expect(Set(roles).isSubset(of: ["origin", "hub", "current", "destination", "predicted"]))
        let first = try #require(stops.first?["properties"] as? [String: Any])
        #expect(first["name"] as? String == Places.nanshanStation.name)
        #expect(first["time"] as? String != nil && first["confidence"] is Double && first["source"] as? String == "text")
        #expect(first["marker-color"] as? String == "#2da44e")
        #expect(features(doc, kind: "current").count == 1)
        // The travelled line ends where the current marker is.
        let line = try #require((travelled.first?["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
        let current = try #require(point(features(doc, kind: "current")[0]))
        #expect(abs(line.last![0] - current.lon) < 1e-6 && abs(line.last![1] - current.lat) < 1e-6)
        // At most 6 decimals in the text.
        let text = String(decoding: RouteGeoJSON.encode(route: route, trace: trace, datum: .wgs84, style: Self.style),
                          as: UTF8.self)
        #expect(text.range(of: #"\.\d{7,}"#, options: .regularExpression) == nil)
    }

    @Test func pacificRouteIsCutAtTheAntimeridian() throws {
        var t = TraceMaker()
        t.add("【上海市】已揽收", at: Places.shanghai, state: .collected)
        t.add("Departed PVG", at: Places.pudongAirport)
        t.add("Arrived LAX", at: Places.lax, hoursLater: 13)
        let trace = t.trace(destination: Places.irvine)
        let route = RouteBuilder.build(trace: trace)
        let doc = try json(route, trace, .wgs84)
        _ = positions(doc)
        let geometry = try #require(features(doc, kind: "travelled").first?["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "MultiLineString")
        let parts = try #require(geometry["coordinates"] as? [[[Double]]])
        #expect(parts.count == 2)
        // The first part ends at +180 and the second starts at −180, at the same latitude.
        #expect(parts[0].last![0] == 180 && parts[1].first![0] == -180)
        #expect(parts[0].last![1] == parts[1].first![1])
        #expect(parts[0].allSatisfy { $0[0] > 100 } && parts[1].allSatisfy { $0[0] < -100 })
        // Los Angeles stops are written in −180…180.
        let lax = try #require(features(doc, kind: "stop").compactMap(point).first { $0.lon < -118 && $0.lon > -119 })
        #expect(abs(lax.lat - 33.94) < 0.01)
    }

    @Test func chineseDatumsMoveMainlandPointsOnly() throws {
        var t = TraceMaker()
        t.add("已揽收", at: Self.beijing, state: .collected)
        t.add("香港转运", at: Places.hongKong, hoursLater: 6)
        t.add("Arrived Paris", at: Self.paris, hoursLater: 14)
        let trace = t.trace()
        let route = RouteBuilder.build(trace: trace)
        let wgs = try json(route, trace, .wgs84).features(kind: "stop", self).compactMap(point)
        let gcj = try json(route, trace, .gcj02).features(kind: "stop", self).compactMap(point)
        let bd = try json(route, trace, .bd09).features(kind: "stop", self).compactMap(point)
        #expect(wgs.count == 3 && gcj.count == 3 && bd.count == 3)
        let beijingShift = wgs[0].kilometres(to: gcj[0])
        #expect(beijingShift > 0.2 && beijingShift < 0.8, "Beijing moved \(beijingShift) km")
        #expect(wgs[0].kilometres(to: bd[0]) > 0.5)
        // Going back through the one implementation lands on the WGS-84 point.
        #expect(Datum.gcj02.convert(gcj[0], to: .wgs84).kilometres(to: wgs[0]) < 0.001)
        // Hong Kong and Paris are not moved.
        #expect(wgs[1] == gcj[1] && wgs[1] == bd[1])
        #expect(wgs[2] == gcj[2] && wgs[2] == bd[2])
        #expect(try json(route, trace, .bd09)["datum"] as? String == "bd09")
    }

    @Test func unknownRouteHasNoLines() throws {
        var t = TraceMaker()
        t.add("快件已揽收", at: nil, state: .collected)
        let trace = t.trace()
        let doc = try json(RouteBuilder.build(trace: trace), trace, .wgs84)
        #expect(features(doc, kind: "travelled").isEmpty && features(doc, kind: "remaining").isEmpty)
        #expect((doc["route"] as? [String: Any])?["unknown"] as? Bool == true)
    }
}

private extension Dictionary where Key == String, Value == Any {
    func features(kind: String, _ suite: RouteGeoJSONTests) -> [[String: Any]] { suite.features(self, kind: kind) }
}
