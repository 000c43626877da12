import Digest
import Foundation
import Geocoding
import Pipeline
import Testing
@testable import TraceMapService

/// Issue 11, defect 1: every route passes the one `LimitsGate`, over a real socket. With `maxEvents = 3` and
/// `maxImagePixels = 100_000`, each route that reads a trace refuses a 5-event one and each route that reads
/// options refuses 2048×2048 at scale 3, with the codes and statuses `POST /v1/render` gives.
@Suite(.serialized) struct LimitsGateTests {
    static let repoRoot = MapServiceTests.repoRoot
    /// A shipment stored before the limits were lowered (5 events), to read back through the gate.
    static let storedLong = "SF0000000000005"

    static let shared: Result<TraceMapApplication, any Error> = Result {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-limits-tests-\(UUID())").path
        config.maxEvents = 3
        config.maxImagePixels = 100_000
        config.kuaidi100Salt = "salt"
        config.kdniaoAppKey = "appkey"
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        do {
            let store = try ShipmentStore(path: ShipmentStore.defaultPath(dataDirectory: config.dataDirectory))
            _ = try store.upsert(IncomingTrace(key: try ShipmentKey(carrier: try Carrier.named("sf"), number: storedLong),
                                               trace: Data(native(events: 5, number: storedLong)),
                                               latestEventAt: Date(), state: "in-transit", source: "api"))
        }
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? repoRoot.appendingPathComponent("geodata").path
        let app = try TraceMapApplication(config: config, engine: try TraceEngine.load(geodataDirectory: geodata),
                                          log: { _ in })
        try app.server.start()
        return app
    }

    static let stations = ["【深圳市】顺丰速运 已收取快件", "快件已到达【深圳华南陆运枢纽】", "快件已到达【武汉分拨中心】",
                           "快件已到达【郑州分拨中心】", "快件已到达【北京顺义集散中心】"]

    static func time(_ index: Int) -> String { "2026-11-2\(index) 1\(index):00:00" }

    /// A native SF trace with `count` events.
    static func native(events count: Int, number: String = "SF1") -> [UInt8] {
        let events = (0..<count).map { #"{"time":"\#(time($0))","text":"\#(stations[$0 % 5])"}"# }
        return Array(#"{"carrier":"SF","number":"\#(number)","events":[\#(events.joined(separator: ","))]}"#.utf8)
    }

    static func kuaidi100Body(events count: Int) -> [UInt8] {
        let data = (0..<count).reversed().map { #"{"context":"\#(stations[$0 % 5])","time":"\#(time($0))"}"# }
        let param = #"{"status":"polling","message":"","lastResult":{"com":"shunfeng","nu":"SF2","state":"0","data":["#
            + data.joined(separator: ",") + "]}}"
        return ShipmentServiceTests.form([("param", param), ("sign", MD5.hex(param + "salt").uppercased())])
    }

    static func kdniaoBody(events count: Int) -> [UInt8] {
        let traces = (0..<count).map { #"{"AcceptTime":"\#(time($0))","AcceptStation":"\#(stations[$0 % 5])"}"# }
        let data = #"{"EBusinessID":"1234567","Data":[{"ShipperCode":"SF","LogisticCode":"SF3","Traces":["#
            + traces.joined(separator: ",") + "]}]}"
        let sign = Data(MD5.hex(data + "appkey").utf8).base64EncodedString()
        return ShipmentServiceTests.form([("RequestData", data), ("DataSign", sign), ("RequestType", "101")])
    }

    static let formHeader = [("Content-Type", "application/x-www-form-urlencoded")]

    @Test func renderAndStoredMapsRefuseTooManyEvents() throws {
        let port = try Self.shared.get().server.port
        for target in ["/v1/render?size=200x150", "/v1/maps?size=200x150", "/v1/geocode"] {
            let refused = try exchange(port: port, "POST", target, body: Self.native(events: 5))
            #expect(refused.status == 400, "\(target)")
            #expect(refused.code == "trace.too_many_events", "\(target)")
            #expect(try exchange(port: port, "POST", target, body: Self.native(events: 3)).status / 100 == 2)
        }
    }

    @Test func shipmentPutRefusesTooManyEventsAndStoresNothing() throws {
        let port = try Self.shared.get().server.port
        let refused = try exchange(port: port, "PUT", "/v1/shipments/sf/SF1", body: Self.native(events: 5))
        #expect(refused.status == 400)
        #expect(refused.code == "trace.too_many_events")
        #expect(try exchange(port: port, "GET", "/v1/shipments/sf/SF1").status == 404)
        #expect(try exchange(port: port, "PUT", "/v1/shipments/sf/SF1", body: Self.native(events: 3)).status == 201)
    }

    @Test func webhooksRefuseTooManyEvents() throws {
        let port = try Self.shared.get().server.port
        let kuaidi100 = try exchange(port: port, "POST", "/v1/webhooks/kuaidi100", body: Self.kuaidi100Body(events: 5),
                                     headers: Self.formHeader)
        #expect(kuaidi100.status == 400)
        #expect(kuaidi100.code == "trace.too_many_events")
        let kdniao = try exchange(port: port, "POST", "/v1/webhooks/kdniao", body: Self.kdniaoBody(events: 5),
                                  headers: Self.formHeader)
        #expect(kdniao.status == 400)
        #expect(kdniao.code == "trace.too_many_events")
        #expect(try exchange(port: port, "GET", "/v1/shipments/sf/SF2").status == 404)
        #expect(try exchange(port: port, "GET", "/v1/shipments/sf/SF3").status == 404)
        #expect(try exchange(port: port, "POST", "/v1/webhooks/kuaidi100", body: Self.kuaidi100Body(events: 3),
                             headers: Self.formHeader).status == 200)
        #expect(try exchange(port: port, "POST", "/v1/webhooks/kdniao", body: Self.kdniaoBody(events: 3),
                             headers: Self.formHeader).status == 200)
    }

    @Test func imagePixelLimitHoldsOnRenderStoredMapsAndShipmentMaps() throws {
        let port = try Self.shared.get().server.port
        let huge = "size=2048x2048&scale=3"
        let render = try exchange(port: port, "POST", "/v1/render?\(huge)", body: Self.native(events: 3))
        #expect(render.status == 400)
        #expect(render.code == "render.size_too_large")
        let created = try exchange(port: port, "POST", "/v1/maps?size=200x150", body: Self.native(events: 3))
        let id = try #require(created.json["id"] as? String)
        let stored = try exchange(port: port, "GET", "/v1/maps/\(id).png?\(huge)")
        #expect(stored.status == render.status)
        #expect(stored.code == render.code)
        #expect(try exchange(port: port, "PUT", "/v1/shipments/sf/SF4", body: Self.native(events: 3)).status == 201)
        for verb in ["GET", "HEAD"] {
            let map = try exchange(port: port, verb, "/v1/shipments/sf/SF4/map.png?\(huge)")
            #expect(map.status == render.status, "\(verb)")
            if verb == "GET" { #expect(map.code == render.code) }
        }
        let small = try exchange(port: port, "GET", "/v1/shipments/sf/SF4/map.png?size=200x150")
        #expect(small.pngSize.map { [$0.0, $0.1] } == [200, 150])
    }

    @Test func storedShipmentOverTheLimitIsRefusedOnEveryRead() throws {
        let port = try Self.shared.get().server.port
        for suffix in ["", "/map.png?size=200x150", "/page", "/route.geojson"] {
            let answer = try exchange(port: port, "GET", "/v1/shipments/sf/\(Self.storedLong)\(suffix)")
            #expect(answer.status == 400, "\(suffix)")
            #expect(answer.code == "trace.too_many_events", "\(suffix)")
        }
    }
}
