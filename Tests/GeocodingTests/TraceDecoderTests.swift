import Foundation
import Testing
import Gazetteer
@testable import Geocoding

/// The trace decoder: travel plausibility and the whole-trace choice among namesakes.
@Suite struct TraceDecoderTests {
    let decoder = TraceDecoder(gazetteer: Support.geocoder.gazetteer)

    func place(_ code: String) throws -> Int32 { try #require(Support.geocoder.gazetteer.place(adcode: code)) }

    @Test func travelCostsGrowWithDistanceAndImpossibleSpeed() throws {
        let guangzhou = try place("440100"), baiyun = try place("440111"), beijing = try place("110100")
        #expect(decoder.transition(guangzhou, guangzhou, hours: 0) == 0)
        #expect(decoder.transition(guangzhou, baiyun, hours: 0.1) == 0, "a move inside one city is free")
        let byTruck = decoder.transition(guangzhou, beijing, hours: 30)
        let byAir = decoder.transition(guangzhou, beijing, hours: 3)
        let tooFast = decoder.transition(guangzhou, beijing, hours: 0.5)
        #expect(byTruck < 0 && byAir < byTruck && tooFast < byAir - 1, "\(byTruck) \(byAir) \(tooFast)")
    }

    @Test func theSequenceChoosesTheNamesakeOnTheRoute() throws {
        let t = try Support.geocode(["【贵阳市】快件已到达 贵阳转运中心", "快件已到达 白云区营业部"])
        #expect(t.events[1].place?.code == "520113", "\(String(describing: t.events[1].place))")
        let u = try Support.geocode(["【广州市】快件已到达 广州转运中心", "快件已到达 白云区营业部"])
        #expect(u.events[1].place?.code == "440111", "\(String(describing: u.events[1].place))")
    }

    @Test func decodingPrefersTheBetterReadingWhenTravelIsEqual() throws {
        let a = PlaceResolver.Alternative(place: try place("440100"), score: 1.0, mention: 0, site: nil, beforeAirportWord: false)
        let b = PlaceResolver.Alternative(place: try place("110100"), score: 0.9, mention: 0, site: nil, beforeAirportWord: false)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let r = decoder.decode([.init(candidates: [a, b], time: now)])
        #expect(r.picks == [0])
        #expect(r.totals[0][0] > r.totals[0][1])
        let empty = decoder.decode([.init(candidates: [], time: now)])
        #expect(empty.picks == [nil])
    }

    @Test func explainNamesTheCandidatesAndTheReason() throws {
        let data = Data(#"{"events":[{"time":"2026-11-01 08:00","text":"【贵阳市】快件已到达 贵阳转运中心"},{"time":"2026-11-01 12:00","text":"快件已到达 白云区营业部"}]}"#.utf8)
        let trace = try #require(try Support.geocoder.parser.parse(data).first)
        let e = Support.geocoder.explain(trace)
        #expect(e.events.count == 2)
        #expect(e.events[1].candidates.count >= 2)
        #expect(e.events[1].candidates.filter(\.chosen).count == 1)
        #expect(e.events[1].candidates.first { $0.chosen }?.code == "520113")
        #expect(e.text.contains("白云区, 贵阳市"))
        #expect(e.events[1].place?.code == Support.geocoder.geocode(trace).events[1].place?.code)
    }
}
