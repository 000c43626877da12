import Foundation
import Testing
@testable import Geocoding

@Suite struct TraceParserTests {
    let parser = TraceParser()

    @Test func readsAKdniaoQuery() throws {
        let traces = try parser.parse(try Support.sample("kdniao-query-sf-shenzhen-beijing.json"))
        #expect(traces.count == 1)
        let t = traces[0]
        #expect(t.format == .kdniaoQuery)
        #expect(t.carrier == "SF")
        #expect(t.vendorState == .inTransit)  // State 2, StateEx 204 (到达转运中心)
        #expect(t.events.map(\.index) == Array(0..<6))
        #expect(t.events[0].location == "深圳市")
        #expect(t.events[0].text == "【深圳市】顺丰速运 已收取快件")
    }

    @Test func splitsAKdniaoPushIntoOneTracePerShipment() throws {
        let traces = try parser.parse(try Support.sample("kdniao-push-two-shipments.json"))
        #expect(traces.map(\.number) == ["YT0000000000001", "JT0000000000002"])
        #expect(traces.map(\.format) == [.kdniaoPush, .kdniaoPush])
        #expect(traces[1].vendorState == .collected)
    }

    @Test func readsAFormEncodedPushWhoseFieldsAreJSONStrings() throws {
        let inner = #"{"Data":[{"LogisticCode":"X1","State":"3","Traces":[{"AcceptTime":"2026-11-01 10:00:00","AcceptStation":"已签收"}]}]}"#
        let body = try JSONSerialization.data(withJSONObject: ["RequestType": "101", "RequestData": inner])
        let traces = try parser.parse(body)
        #expect(traces.count == 1)
        #expect(traces[0].vendorState == .delivered)
        let k100 = try JSONSerialization.data(withJSONObject: ["param": #"{"lastResult":{"state":"5","data":[]}}"#])
        #expect(try parser.parse(k100).first?.vendorState == .outForDelivery)
    }

    @Test func ordersKuaidi100NewestFirstByTimeAndKeepsInputPositions() throws {
        let t = try #require(try parser.parse(try Support.sample("kuaidi100-query-zto-yiwu-chengdu.json")).first)
        #expect(t.format == .kuaidi100Query)
        #expect(t.events.map(\.index) == [6, 5, 4, 3, 2, 1, 0])
        #expect(t.events.first?.text.contains("已揽收") == true)
        #expect(t.events.first?.areaCode == "CN330782000000")
        #expect(t.vendorState == .delivered)
        let push = try #require(try parser.parse(try Support.sample("kuaidi100-push-cross-border.json")).first)
        #expect(push.format == .kuaidi100Push)
        #expect(push.events.first?.vendorState == .collected)
    }

    @Test func sortsByTimeStablyKeepingPositions() throws {
        let t = try #require(try parser.parse(try Support.sample("native-odd-cases.json")).first)
        #expect(t.events.map(\.index) == [0, 1, 3, 2, 4, 5, 6])
        let same = #"{"events":[{"time":"2026-11-01 10:00:00","text":"a"},{"time":"2026-11-01 10:00:00","text":"b"},{"time":"2026-11-01 09:00:00","text":"c"}]}"#
        let s = try #require(try parser.parse(Data(same.utf8)).first)
        #expect(s.events.map(\.text) == ["c", "a", "b"])
    }

    @Test func readsNativeEndpointsAndCoordinates() throws {
        let body = #"{"origin":{"lat":23.1,"lon":113.2},"destination":"云南省大理市","events":[{"time":"2026-11-01T10:00:00+08:00","text":"x","lat":"23.5","lon":113.1}]}"#
        let t = try #require(try parser.parse(Data(body.utf8)).first)
        #expect(t.origin == .coordinate(.init(lat: 23.1, lon: 113.2)))
        #expect(t.destination == .address("云南省大理市"))
        #expect(t.events[0].coordinate?.lat == 23.5)
    }

    /// The error code a body produces.
    func code(_ body: String, limits: TraceLimits = .default) -> TraceError.Code? {
        code(Data(body.utf8), limits: limits)
    }

    func code(_ data: Data, limits: TraceLimits = .default) -> TraceError.Code? {
        do {
            _ = try TraceParser(limits: limits).parse(data)
            return nil
        } catch let error as TraceError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func badInputGetsStableCodesAndStatuses() {
        #expect(code("{not json") == .invalidJSON)
        #expect(code(Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D])) == .invalidUTF8)
        #expect(code("[1,2]") == .unknownFormat)
        #expect(code(#"{"hello":"world"}"#) == .unknownFormat)
        #expect(code(#"{"events":[{"text":"no time"}]}"#) == .badTime)
        #expect(code(#"{"events":[{"time":"tomorrow","text":"x"}]}"#) == .badTime)
        #expect(code(#"{"Traces":[{"AcceptTime":"2026-11-01 25:00:00","AcceptStation":"x"}]}"#) == .badTime)
        #expect(code(#"{"events":[{"time":"2026-11-01 10:00:00","text":"x","lat":91,"lon":10}]}"#) == .badCoordinates)
        #expect(code(#"{"events":[{"time":"2026-11-01 10:00:00","text":"x","lat":"north","lon":10}]}"#) == .badCoordinates)
        #expect(code(#"{"events":[{"time":"2026-11-01 10:00:00","text":"x","lat":true,"lon":10}]}"#) == .badCoordinates)
        #expect(code(#"{"origin":{"lat":10,"lon":200},"events":[]}"#) == .badCoordinates)
        #expect(code(#"{"events":[{"time":"2026-11-01 10:00:00","text":5}]}"#) == .badField)
        #expect(code(#"{"events":{"a":1}}"#) == .badField)
        let long = String(repeating: "长", count: 30_000)  // 90,000 UTF-8 bytes
        #expect(code(#"{"events":[{"time":"2026-11-01 10:00:00","text":"\#(long)"}]}"#) == .textTooLong)
        let many = (0..<11).map { _ in #"{"time":"2026-11-01 10:00:00","text":"x"}"# }.joined(separator: ",")
        #expect(code(#"{"events":[\#(many)]}"#, limits: TraceLimits(maxEvents: 10)) == .tooManyEvents)
        #expect(code("{}", limits: TraceLimits(maxBodyBytes: 1)) == .bodyTooLarge)
        #expect(TraceError(.invalidJSON, "").httpStatus == 400)
        #expect(TraceError(.textTooLong, "").httpStatus == 413)
        #expect(TraceError(.badTime, "").httpStatus == 422)
        #expect(Set(TraceError.Code.allCases.map(\.rawValue)).count == TraceError.Code.allCases.count)
    }

    @Test func theDefaultLimitsAreTheIssuesOnes() {
        #expect(TraceLimits.default.maxTextBytes == 64 * 1024)
        #expect(TraceLimits.default.maxEvents == 10_000)
    }

    @Test func anEmptyTraceIsNotAnError() throws {
        let t = try Support.geocoder.geocode(data: Data(#"{"events":[]}"#.utf8))
        #expect(t.first?.events.isEmpty == true)
        #expect(t.first?.state == .unknown)
    }
}
