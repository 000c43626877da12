import Digest
import Foundation
import Geocoding
import HTTPServer
import Pipeline
import Testing
@testable import TraceMapService

/// The shipments API and webhooks, through `ShipmentService.handle` with the real geocoder and renderer.
@Suite struct ShipmentServiceTests {
    static let engine: TraceEngine? = {
        var root = URL(fileURLWithPath: #filePath)
        while root.path != "/" && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        return try? TraceEngine.load(geodataDirectory: root.appendingPathComponent("geodata").path)
    }()

    let service: ShipmentService

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shipsvc-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = ServiceConfig()
        config.dataDirectory = directory
        config.kuaidi100Salt = "salt"
        config.kdniaoAppKey = "appkey"
        config.kdniaoEBusinessID = "1234567"
        config.apiKey = "api"
        config.signingKey = "signing"
        let engine = try #require(Self.engine, "the geodata must load")
        service = ShipmentService(store: try ShipmentStore(path: ShipmentStore.defaultPath(dataDirectory: directory)),
                                  engine: engine, config: config, cache: ResponseCache(capacityBytes: 1 << 24))
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
        allowed.insert(charactersIn: "-._~")
        return Array(fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&").utf8)
    }

    static func param(number: String = "EA1CN", newest: String = "2026-11-21 16:12:33",
                      status: String = "polling") -> String
    {
        #"{"status":"\#(status)","message":"","lastResult":{"com":"ems","nu":"\#(number)","state":"0","data":["#
            + #"{"context":"【深圳市】 邮件离开【深圳国际邮件处理中心】，正在发往【香港国际机场】","time":"\#(newest)","areaName":"广东,深圳市"},"#
            + #"{"context":"【深圳市龙华区民治营业部】已收寄","time":"2026-11-20 15:20:31","areaName":"广东,深圳市,龙华区"}]}}"#
    }

    func kuaidi100(_ param: String, salt: String = "salt") throws -> HTTPResponse {
        let body = Self.form([("param", param), ("sign", MD5.hex(param + salt).uppercased())])
        return try #require(try service.handle(HTTPRequest(method: "POST", target: "/v1/webhooks/kuaidi100",
                                                           path: "/v1/webhooks/kuaidi100", body: body)))
    }

    func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1 ? parts[1] : ""
        let items = query.split(separator: "&").map {
            let kv = $0.split(separator: "=", maxSplits: 1).map(String.init)
            return QueryItem(name: kv[0], value: kv.count > 1 ? kv[1] : "")
        }
        let request = HTTPRequest(method: "GET", target: target, path: parts[0], query: query,
                                  queryItems: items, headers: headers)
        return try #require(try service.handle(request))
    }

    func json(_ response: HTTPResponse) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]) ?? [:]
    }

    @Test func kuaidi100PushIsStoredOnceAndShownWithPlaces() throws {
        #expect(try kuaidi100(Self.param()).status == 200)
        #expect(try kuaidi100(Self.param()).status == 200)  // the same push again: one version
        let shown = try get("/v1/shipments/ems/EA1CN")
        #expect(shown.status == 200)
        let object = json(shown)
        #expect(object["version"] as? Int == 1)
        #expect(object["state"] as? String == "in-transit")
        #expect(object["subscription"] as? String == "polling")
        #expect((object["events"] as? [Any])?.count == 2)
        #expect((object["current"] as? [String: Any])?["name"] != nil)
        #expect(try service.store.history(ShipmentKey(carrier: Carrier.named("ems"), number: "EA1CN")).count == 2)
    }

    @Test func olderPushNeverReplacesNewerAndShutdownIsRecorded() throws {
        _ = try kuaidi100(Self.param(newest: "2026-11-21 16:12:33"))
        _ = try kuaidi100(Self.param(newest: "2026-11-21 10:00:00", status: "shutdown"))
        let object = json(try get("/v1/shipments/ems/EA1CN"))
        #expect(object["version"] as? Int == 1)
        #expect(object["subscription"] as? String == "shutdown")
    }

    @Test func badSignatureUnknownCarrierAndBadJSONStoreNothing() throws {
        let wrong = try kuaidi100(Self.param(), salt: "not-the-salt")
        #expect(wrong.status == 401)
        #expect(!String(decoding: wrong.body, as: UTF8.self).contains(#""result":true"#))
        let unknown = Self.param().replacingOccurrences(of: #""com":"ems""#, with: #""com":"nosuch""#)
        #expect(try kuaidi100(unknown).status == 400)
        #expect(try kuaidi100(#"{"status":"polling","lastResult":"#).status == 400)
        let badTrace = Self.param().replacingOccurrences(of: "2026-11-21 16:12:33", with: "yesterday")
        #expect(try kuaidi100(badTrace).status >= 400)
        #expect(try service.store.count() == 0)
        #expect(throws: ShipmentError.notFound("ems/EA1CN")) { try get("/v1/shipments/ems/EA1CN") }
        #expect(ShipmentError.notFound("ems/EA1CN").httpError.status == 404)
    }

    @Test func kdniaoBatchStoresEveryShipmentInOneReply() throws {
        let data = #"{"EBusinessID":"1234567","PushTime":"2026-11-22 10:05:00","Count":"2","Data":["#
            + #"{"EBusinessID":"1234567","ShipperCode":"YTO","LogisticCode":"YT1","State":"2","Traces":[{"AcceptTime":"2026-11-20 01:40:00","AcceptStation":"【杭州转运中心】 已发出 下一站 【西安转运中心】"}]},"#
            + #"{"EBusinessID":"1234567","ShipperCode":"JTSD","LogisticCode":"JT2","State":"1","Traces":[{"AcceptTime":"2026-11-22 09:58:00","AcceptStation":"【泉州晋江陈埭网点】的业务员已取件"}]}]}"#
        let sign = Data(MD5.hex(data + "appkey").utf8).base64EncodedString()
        let body = Self.form([("RequestData", data), ("DataSign", sign), ("RequestType", "101")])
        let reply = try #require(try service.handle(HTTPRequest(method: "POST", target: "/v1/webhooks/kdniao",
                                                                path: "/v1/webhooks/kdniao", body: body)))
        #expect(reply.status == 200)
        let object = json(reply)
        #expect(object["Success"] as? Bool == true)
        #expect(object["EBusinessID"] as? String == "1234567")
        #expect(try get("/v1/shipments/YTO/YT1").status == 200)
        #expect(try get("/v1/shipments/jtexpress/JT2").status == 200)  // the same carrier by its Kuaidi100 code
    }

    @Test func putNeedsTheBearerKeyAndAnswersAfterTheCommit() throws {
        let trace = Array(#"{"events":[{"time":"2026-11-20 10:00:00","text":"【杭州市】已揽收"}]}"#.utf8)
        func put(_ auth: String?) throws -> HTTPResponse {
            var headers = HTTPHeaders()
            if let auth { headers.set("Authorization", auth) }
            return try #require(try service.handle(HTTPRequest(method: "PUT", target: "/v1/shipments/sf/SF1",
                                                               path: "/v1/shipments/sf/SF1", headers: headers,
                                                               body: trace)))
        }
        #expect(throws: HTTPError.self) { try put(nil) }
        #expect(throws: HTTPError.self) { try put("Bearer wrong") }
        #expect(try put("Bearer api").status == 201)
        #expect(try put("Bearer api").status == 200)
        #expect(try service.store.count() == 1)
    }

    @Test func mapIsSignedCachedAndItsETagFollowsTheTrace() throws {
        _ = try kuaidi100(Self.param())
        let signer = URLSigner(key: "signing")
        let exp = Int(Date().timeIntervalSince1970) + 600
        #expect(throws: HTTPError.self) { try get("/v1/shipments/ems/EA1CN/map.png?size=320x240") }
        let first = try get(signer.sign("/v1/shipments/ems/EA1CN/map.png?size=320x240", expires: exp))
        #expect(first.status == 200)
        #expect(first.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(first.headers["Cache-Control"] == "public, max-age=60, must-revalidate")
        let etag = try #require(first.headers["ETag"])
        let again = try get(signer.sign("/v1/shipments/ems/EA1CN/map.png?size=320x240", expires: exp),
                            headers: HTTPHeaders([("If-None-Match", etag)]))
        #expect(again.status == 304)
        _ = try kuaidi100(Self.param(newest: "2026-11-22 08:00:00"))
        let changed = try get(signer.sign("/v1/shipments/ems/EA1CN/map.png?size=320x240", expires: exp))
        #expect(changed.headers["ETag"] != etag)
        let svg = try get(signer.sign("/v1/shipments/ems/EA1CN/map.svg?size=320x240", expires: exp))
        #expect(svg.headers["Content-Type"] == "image/svg+xml")
    }

    @Test func pathsOutsideTheServiceAreNotItsOwn() throws {
        #expect(try service.handle(HTTPRequest(method: "GET", target: "/v1/maps/x.png", path: "/v1/maps/x.png")) == nil)
        #expect(throws: ShipmentError.self) { try get("/v1/shipments/nosuch/N1") }
        #expect(throws: ShipmentError.self) { try get("/v1/shipments/sf/..%2F..") }
    }
}
