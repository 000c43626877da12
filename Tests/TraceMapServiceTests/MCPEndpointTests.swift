import Foundation
import Pipeline
import Testing
@testable import TraceMapService

/// Issue 13 over a real socket: `POST /mcp` with the API key and Origin rules, the tools through the same limits
/// gate as HTTP (`maxEvents = 3`), structured results that carry what the card says, a shipment's sentence.
@Suite(.serialized) struct MCPEndpointTests {
    static let number = "SF1400000000001"

    static let shared: Result<TraceMapApplication, any Error> = Result {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracemap-mcp-tests-\(UUID())").path
        config.maxEvents = 3
        config.apiKey = "k3y"
        config.signingKey = "s1gn"
        config.publicBaseURL = "https://maps.example.com"
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? MapServiceTests.repoRoot.appendingPathComponent("geodata").path
        let app = try TraceMapApplication(config: config, engine: try TraceEngine.load(geodataDirectory: geodata),
                                          log: { _ in })
        _ = try app.shipments.importTrace(Data(trace(events: 3).utf8))
        try app.server.start()
        return app
    }

    static func trace(events count: Int) -> String {
        let texts = ["【深圳市】顺丰速运 已收取快件", "快件已到达【深圳华南陆运枢纽】", "快件离开【深圳华南陆运枢纽】，已发往【武汉分拨中心】",
                     "快件已到达【武汉分拨中心】"]
        let events = (0..<count).map { #"{"time":"2026-11-2\#($0) 1\#($0):00:00","text":"\#(texts[$0 % 4])"}"# }
        return #"{"carrier":"SF","number":"\#(number)","events":[\#(events.joined(separator: ","))]}"#
    }

    static let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    /// A modern tools/call with the headers the binding requires.
    func call(_ tool: String, _ arguments: String, key: String? = "k3y", origin: String? = nil) throws -> LoopbackResponse {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"),
                       ("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "tools/call"), ("Mcp-Name", tool)]
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        if let origin { headers.append(("Origin", origin)) }
        let body = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{\#(Self.meta),"name":"\#(tool)","arguments":\#(arguments)}}"#
        return try exchange(port: try Self.shared.get().server.port, "POST", "/mcp", body: Array(body.utf8), headers: headers)
    }

    func result(_ response: LoopbackResponse) -> [String: Any] { response.json["result"] as? [String: Any] ?? [:] }

    @Test func keyAndOriginAreChecked() throws {
        #expect(try call("find_place", #"{"query":"番禺"}"#, key: nil).status == 401)
        #expect(try call("find_place", #"{"query":"番禺"}"#, key: "wrong").status == 401)
        #expect(try call("find_place", #"{"query":"番禺"}"#, origin: "https://evil.example").status == 403)
        #expect(try call("find_place", #"{"query":"番禺"}"#, origin: "http://localhost:3000").status == 200)
    }

    @Test func renderRouteMapGivesAPNGTheCardsFieldsAndASignedURL() throws {
        let response = try call("render_route_map", #"{"trace":\#(Self.trace(events: 3)),"size":"400x300"}"#)
        #expect(response.status == 200, "\(response.text.prefix(300))")
        let r = result(response)
        #expect(r["isError"] as? Bool == false)
        let content = r["content"] as? [[String: Any]] ?? []
        let image = try #require(content.first { $0["type"] as? String == "image" })
        let png = try #require(Data(base64Encoded: image["data"] as? String ?? ""))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let structured = try #require(r["structuredContent"] as? [String: Any])
        #expect(structured["state"] as? String == "in-transit")
        #expect(structured["current_place"] is String)
        let url = try #require(structured["map_url"] as? String)
        #expect(url.hasPrefix("https://maps.example.com/v1/maps/") && url.contains("&sig="), "\(url)")
    }

    @Test func theLimitsGateHoldsAsOverHTTP() throws {
        let tooMany = result(try call("render_route_map", #"{"trace":\#(Self.trace(events: 4))}"#))
        #expect(tooMany["isError"] as? Bool == true)
        #expect(((tooMany["content"] as? [[String: Any]])?.first?["text"] as? String)?.contains("trace.too_many_events") == true)
        let tooLarge = result(try call("render_route_map", #"{"trace":\#(Self.trace(events: 2)),"size":"2048x2048","scale":3}"#))
        #expect(((tooLarge["content"] as? [[String: Any]])?.first?["text"] as? String)?.contains("render.size_too_large") == true)
    }

    @Test func badArgumentsAreInvalidParamsNamingTheArgument() throws {
        let response = try call("render_route_map", #"{"trace":{"events":[]},"scale":"big"}"#)
        #expect(response.status == 400)
        let error = response.json["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == -32602)
        #expect((error["message"] as? String)?.contains("scale") == true, "\(error)")
        let unknown = try call("shipment_status", #"{"carrier":"sf","number":"\#(Self.number)","colour":"red"}"#)
        #expect(((unknown.json["error"] as? [String: Any])?["message"] as? String)?.contains("colour") == true)
    }

    @Test func shipmentStatusAnswersInASentenceMadeFromTheTrace() throws {
        let zh = try #require(result(try call("shipment_status", #"{"carrier":"sf","number":"\#(Self.number)"}"#))["structuredContent"] as? [String: Any])
        let answer = try #require(zh["answer"] as? String)
        #expect(answer.hasPrefix("您的包裹已离开【"), "\(answer)")
        #expect(answer.contains("武汉"), "\(answer)")
        #expect((zh["last_events"] as? [[String: Any]])?.count == 3)
        let en = try #require(result(try call("shipment_status", #"{"carrier":"sf","number":"\#(Self.number)","lang":"en"}"#))["structuredContent"] as? [String: Any])
        #expect((en["answer"] as? String)?.hasPrefix("Your parcel left ") == true, "\(en)")
        let missing = result(try call("shipment_status", #"{"carrier":"sf","number":"SF9999999999999"}"#))
        #expect(missing["isError"] as? Bool == true)
    }

    @Test func listAndFindAnswerFromTheStoreAndTheGazetteer() throws {
        let listed = try #require(result(try call("list_shipments", #"{"limit":5}"#))["structuredContent"] as? [String: Any])
        #expect((listed["shipments"] as? [[String: Any]])?.contains { $0["number"] as? String == Self.number } == true)
        let places = try #require(result(try call("find_place", #"{"query":"番禺","limit":3}"#))["structuredContent"] as? [String: Any])
        #expect((places["places"] as? [[String: Any]])?.first?["code"] as? String == "440113")
    }

    @Test func notificationsGet202AndHeaderMismatchIs400() throws {
        let port = try Self.shared.get().server.port
        let auth = [("Authorization", "Bearer k3y")]
        let note = try exchange(port: port, "POST", "/mcp", body: Array(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8),
                                headers: auth)
        #expect(note.status == 202 && note.body.isEmpty)
        let body = #"{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{\#(Self.meta)}}"#
        let mismatch = try exchange(port: port, "POST", "/mcp", body: Array(body.utf8),
                                    headers: auth + [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "tools/call")])
        #expect(mismatch.status == 400)
        #expect((mismatch.json["error"] as? [String: Any])?["code"] as? Int == -32020)
        #expect(try exchange(port: port, "GET", "/mcp", headers: auth).status == 405)
    }
}
