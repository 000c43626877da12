import Foundation
import Testing
@testable import Geocoding

@Suite struct TraceTimeTests {
    @Test func offsetLessTimesAreChinaTime() throws {
        let t = try #require(TraceTime.parse("2026-11-20 18:02:11"))
        #expect(t.offset == 8 * 3600)
        #expect(TraceTime.format(t.date, offset: t.offset) == "2026-11-20T18:02:11+08:00")
        #expect(t.date.timeIntervalSince1970 == 1_795_168_931)
    }

    @Test func readsISOWithOffsetsAndFractions() throws {
        let z = try #require(TraceTime.parse("2026-11-20T10:02:11Z"))
        #expect(z.offset == 0)
        #expect(z.date == TraceTime.parse("2026-11-20 18:02:11")?.date)
        let la = try #require(TraceTime.parse("2026-11-24T06:40:00.250-08:00"))
        #expect(la.offset == -8 * 3600)
        #expect(TraceTime.format(la.date, offset: la.offset) == "2026-11-24T06:40:00-08:00")
        #expect(TraceTime.parse("2026/11/20 18:02")?.offset == 8 * 3600)
        #expect(TraceTime.parse("2026-11-20")?.offset == 8 * 3600)
    }

    @Test func rejectsWhatIsNotATime() {
        for bad in ["", "yesterday", "2026-13-01 10:00:00", "2026-02-30 10:00:00", "2026-11-20 25:00:00",
                    "2026-11-20 10:00:00 junk", "20261120", "2026-11-20T10:00:00+99:00"] {
            #expect(TraceTime.parse(bad) == nil, "\(bad)")
        }
    }
}
