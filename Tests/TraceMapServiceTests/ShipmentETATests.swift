import Foundation
import Pipeline
import Testing
@testable import TraceMapService

/// Issue 14 over a real socket: a shipment's JSON carries its ETA; a delivered shipment teaches the history once,
/// and the next estimate for that carrier says `history`; `eta learn`'s rebuild holds the same shipments.
@Suite(.serialized) struct ShipmentETATests {
    static let shared: Result<TraceMapApplication, any Error> = Result {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-eta-tests-\(UUID())").path
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? MapServiceTests.repoRoot.appendingPathComponent("geodata").path
        let app = try TraceMapApplication(config: config, engine: try TraceEngine.load(geodataDirectory: geodata),
                                          log: { _ in })
        try app.server.start()
        return app
    }

    /// A ZTO Hangzhou → Chengdu trace; delivered when `delivered`.
    static func trace(number: String, day: Int, delivered: Bool) -> [UInt8] {
        var events = [
            ("2026-11-\(day) 15:00:00", "【杭州市】浙江杭州西湖公司 已揽收"),
            ("2026-11-\(day) 21:30:00", "【杭州市】快件离开【杭州转运中心】已发往【成都转运中心】"),
            ("2026-11-\(day + 1) 20:10:00", "【成都市】快件已到达【成都转运中心】"),
        ]
        if delivered {
            events += [("2026-11-\(day + 2) 08:40:00", "【成都市】【成都武侯公司】的派件员张三正在派件"),
                       ("2026-11-\(day + 2) 13:05:00", "【成都市】快件已签收，签收人：本人")]
        }
        let list = events.map { #"{"time":"\#($0.0)","text":"\#($0.1)"}"# }.joined(separator: ",")
        return Array(#"{"carrier":"ZTO","number":"\#(number)","destination":"四川省成都市武侯区","events":[\#(list)]}"#.utf8)
    }

    func eta(_ port: Int, _ number: String) throws -> [String: Any]? {
        try exchange(port: port, "GET", "/v1/shipments/zto/\(number)").json["eta"] as? [String: Any]
    }

    @Test func theJSONCarriesAnETAThatLearnsFromDeliveries() throws {
        let app = try Self.shared.get()
        let port = app.server.port
        #expect(try exchange(port: port, "PUT", "/v1/shipments/zto/7800001", body: Self.trace(number: "7800001", day: 10, delivered: false)).status == 201)
        let before = try #require(try eta(port, "7800001"))
        #expect(before["basis"] as? String == "prior")
        #expect(before["sample_size"] as? Int == 0)
        for t in ["likely", "earliest", "latest"] { #expect((before[t] as? String)?.hasSuffix("+08:00") == true) }

        #expect(try exchange(port: port, "PUT", "/v1/shipments/zto/7800002", body: Self.trace(number: "7800002", day: 3, delivered: true)).status == 201)
        #expect(try exchange(port: port, "GET", "/v1/shipments/zto/7800002").json["eta"] is NSNull, "delivered: no ETA")
        let after = try #require(try eta(port, "7800001"))
        #expect(after["basis"] as? String == "history", "\(after)")
        #expect((after["sample_size"] as? Int ?? 0) >= 1)

        // Pushing the same delivered trace again teaches nothing more; the rebuild holds the same one shipment.
        _ = try exchange(port: port, "PUT", "/v1/shipments/zto/7800002", body: Self.trace(number: "7800002", day: 3, delivered: true))
        let rows = try app.shipments.store.deliveryHistory()
        let learner = try #require(app.shipments.learner)
        #expect(try learner.relearn { try app.shipments.gate.geocodeFirst($0) } == 1)
        #expect(try app.shipments.store.deliveryHistory() == rows)
    }
}
