import Foundation
import Geo
import Testing
@testable import Geocoding

/// Whole traces: vendor evidence, origin and destination, the JSON contract.
@Suite struct GeocoderTests {
    @Test func everySampleGeocodesWithPlacesForItsEvents() throws {
        for name in ["kdniao-query-sf-shenzhen-beijing.json", "kuaidi100-query-zto-yiwu-chengdu.json",
                     "kuaidi100-push-cross-border.json", "native-jd-wuhan-xian.json", "native-odd-cases.json",
                     "kdniao-push-two-shipments.json"] {
            let traces = try Support.geocoder.geocode(data: try Support.sample(name))
            #expect(!traces.isEmpty, "\(name)")
            for t in traces {
                #expect(t.events.allSatisfy { $0.place != nil }, "\(name): an event without a place")
                #expect(t.origin != nil, "\(name): no origin")
            }
        }
    }

    @Test func vendorLocationPlacesAnEventWithoutPlaceWords() throws {
        let t = try #require(try Support.geocoder.geocode(data: try Support.sample("kuaidi100-push-cross-border.json")).first)
        let customs = try #require(t.events.first { $0.text == "出口海关/放行" })
        #expect(customs.place?.code == "440300")
        #expect(customs.place?.source == .areaCode)
        #expect(customs.state == .customs)
        #expect(t.events.last?.place?.country == "US")
    }

    @Test func kuaidi100AreaCodesArePlaces() throws {
        let body = #"{"state":"0","data":[{"time":"2026-11-01 10:00:00","context":"快件已到达","areaName":"山东,济南市,历城区","areaCode":"CN370112005000"}]}"#
        let t = try #require(try Support.geocoder.geocode(data: Data(body.utf8)).first)
        let p = try #require(t.events[0].place)
        #expect(p.source == .areaCode)
        #expect(p.coordinate.kilometres(to: Coordinate(lat: 36.68, lon: 117.07)) < 30, "\(p)")
    }

    @Test func kdniaoLocationDisambiguatesANamesake() throws {
        let body = #"{"State":"2","Traces":[{"AcceptTime":"2026-11-01 10:00:00","AcceptStation":"快件到达【白云区营业部】","Location":"贵阳市"}]}"#
        let t = try #require(try Support.geocoder.geocode(data: Data(body.utf8)).first)
        #expect(t.events[0].place?.code == "520113")
    }

    @Test func nativeOriginAndDestinationResolve() throws {
        let t = try #require(try Support.geocoder.geocode(data: try Support.sample("native-jd-wuhan-xian.json")).first)
        #expect(t.origin?.code == "420111")
        #expect(t.destination?.code == "610113")
        let coords = #"{"origin":{"lat":22.94,"lon":113.38},"events":[{"time":"2026-11-01 10:00:00","text":"x","lat":39.9,"lon":116.4}]}"#
        let c = try #require(try Support.geocoder.geocode(data: Data(coords.utf8)).first)
        #expect(c.origin?.source == .coordinates)
        #expect(c.origin?.coordinate == Coordinate(lat: 22.94, lon: 113.38))
        #expect(c.events[0].place?.source == .coordinates)
    }

    @Test func vendorStateWinsOverTheText() throws {
        let t = try #require(try Support.geocoder.geocode(data: try Support.sample("kdniao-query-sf-shenzhen-beijing.json")).first)
        #expect(t.state == .inTransit)
        let k = try #require(try Support.geocoder.geocode(data: try Support.sample("kuaidi100-query-zto-yiwu-chengdu.json")).first)
        #expect(k.state == .delivered)
        #expect(k.destination != nil)
    }

    @Test func jsonFollowsTheContract() throws {
        let t = try #require(try Support.geocoder.geocode(data: try Support.sample("kuaidi100-query-zto-yiwu-chengdu.json")).first)
        let json = try #require(try JSONSerialization.jsonObject(with: GeocodeJSON.encode(t)) as? [String: Any])
        #expect(Set(json.keys) == ["events", "origin", "destination", "state"])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.map { $0["index"] as? Int } == [6, 5, 4, 3, 2, 1, 0])
        #expect(events[0]["time"] as? String == "2026-11-15T17:44:09+08:00")
        for e in events {
            #expect(Set(e.keys) == ["index", "time", "text", "place", "next"])
            let place = try #require(e["place"] as? [String: Any])
            // The contract's keys, extended only by "area" for a logistics site.
            let contract: Set<String> = ["name", "level", "code", "country", "lat", "lon", "confidence", "source"]
            #expect(Set(place.keys).subtracting(["area"]) == contract)
            #expect((place["area"] != nil) == (place["level"] as? String == "hub"), "\(place)")
            let confidence = try #require(place["confidence"] as? Double)
            #expect((0...1).contains(confidence))
        }
        let array = try JSONSerialization.jsonObject(with: GeocodeJSON.encode([t, t])) as? [Any]
        #expect(array?.count == 2)
        var s = ""
        GeocodeJSON.string("a\"b\\c\n\u{01}", into: &s)
        #expect(s == #""a\"b\\c\n\u0001""#)
    }
}
