import Arrival
import Foundation
import Geocoding
import HTTPServer
import MapRendering
import MCP
import Pipeline
import Routing

/// TraceMap's MCP tools: the route map, the geocoded events, a shipment's status in a sentence, the stored
/// shipments and gazetteer places; over stdio (`tracemap mcp`) and HTTP (`POST /mcp`) alike.
///
/// Every trace and render option passes the service's `LimitsGate`, so the limits are those of HTTP. Execution
/// errors are `isError` results carrying the stable code the HTTP problem body would (`HTTPErrorConvertible`).
public struct TraceMapToolbox: MCPToolbox {
    let engine: TraceEngine
    let gate: LimitsGate
    let shipments: ShipmentStore?
    let maps: MapStore?
    let signer: URLSigner?
    let publicBaseURL: String?
    /// The service's delivery history, for ETAs (nil: priors only).
    let learner: DeliveryLearner?

    /// Signed map URLs in answers stay valid this long (seconds): an agent's answer is kept in a conversation.
    static let mapURLLifetime = 10 * 365 * 86400
    /// The most shipments `list_shipments` returns.
    static let maxListed = 100

    public init(engine: TraceEngine, gate: LimitsGate, shipments: ShipmentStore?, maps: MapStore?, config: ServiceConfig,
                learner: DeliveryLearner? = nil) {
        self.learner = learner
        self.engine = engine
        self.gate = gate
        self.shipments = shipments
        self.maps = maps
        signer = config.signingKey.map(URLSigner.init(key:))
        publicBaseURL = config.publicBaseURL
    }

    public let tools = TraceMapToolbox.definitions

    public func call(_ name: String, arguments: [String: Any]) throws -> MCPToolResult {
        do {
            switch name {
            case "render_route_map": return try renderRouteMap(arguments)
            case "locate_trace_events": return try locateTraceEvents(arguments)
            case "shipment_status": return try shipmentStatus(arguments)
            case "list_shipments": return try listShipments(arguments)
            case "find_place": return try findPlace(arguments)
            default: throw MCPArgumentError("no tool \(name)")
            }
        } catch let error as MCPArgumentError {
            throw error
        } catch let problem as HTTPError {
            return .failure(code: problem.code, message: problem.message)
        } catch let error as any HTTPErrorConvertible {
            let problem = error.httpError
            return .failure(code: problem.code, message: problem.message)
        } catch {
            return .failure(code: "internal", message: "the tool failed")
        }
    }

    // MARK: Tools

    func renderRouteMap(_ values: [String: Any]) throws -> MCPToolResult {
        let args = try ToolArguments(values, known: ["trace", "carrier", "number", "size", "scale", "style", "lang", "format"])
        let format = try args.choice("format", ["png", "svg"]) ?? "png"
        var base = RenderOptions()
        base.format = format == "svg" ? .svg : .png
        let options = try gate.options(try args.renderQuery(), base: base)
        guard engine.renderer.styles.names.contains(options.style) else {
            throw MCPArgumentError("style must be one of \(engine.renderer.styles.names.joined(separator: ", "))")
        }
        let (trace, source) = try input(args)
        let geocoded = try gate.geocodeFirst(trace)
        let route = engine.route(geocoded)
        // One estimate for the card and the structured result.
        let estimate = engine.estimate(geocoded, route: route, history: learner?.history)
        let image = try engine.renderer.render(scene: engine.scene(geocoded, route: route, estimate: estimate),
                                               options: options)
        var structured = summary(geocoded, route, estimate)
        if let url = try mapURL(source, trace: trace, options: options) { structured["map_url"] = url }
        let image64: MCPToolResult.Content = options.format == .svg
            ? .text(String(decoding: image.data, as: UTF8.self)) : .image(image.data, mimeType: "image/png")
        return MCPToolResult(content: [image64, .text(Self.json(structured))], structured: structured)
    }

    func locateTraceEvents(_ values: [String: Any]) throws -> MCPToolResult {
        let args = try ToolArguments(values, known: ["trace"])
        guard let data = try args.trace(maxBytes: gate.maxBodyBytes) else { throw MCPArgumentError("trace is required") }
        let encoded = GeocodeJSON.encode(try gate.geocodeFirst(data))
        guard let object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else {
            return .failure(code: "internal", message: "the geocode JSON is not an object")
        }
        return MCPToolResult(content: [.text(String(decoding: encoded, as: UTF8.self))], structured: object)
    }

    func shipmentStatus(_ values: [String: Any]) throws -> MCPToolResult {
        let args = try ToolArguments(values, known: ["carrier", "number", "lang"])
        let language: RenderOptions.Language = try args.choice("lang", ["zh", "en"]) == "en" ? .en : .zh
        let (key, record) = try stored(args)
        let trace = try gate.geocodeFirst(record.trace)
        let route = engine.route(trace)
        let estimate = engine.estimate(trace, route: route, history: learner?.history)
        let sentence = StatusSentence(trace: trace, route: route, language: language,
                                      expected: estimate.eta.map { ExpectedDelivery(likely: $0.likely, utcOffsetSeconds: $0.utcOffsetSeconds) })
        var structured = summary(trace, route, estimate)
        structured["answer"] = sentence.text
        structured["carrier"] = key.carrier.id
        structured["carrier_name"] = key.carrier.name
        structured["number"] = key.number
        structured["state_text"] = language == .zh ? trace.state.chineseLabel : trace.state.englishLabel
        structured["next_place"] = trace.events.last?.next.map { sentence.name($0) as Any } ?? NSNull()
        structured["updated_at"] = ISO8601DateFormatter().string(from: record.updatedAt)
        structured["last_events"] = trace.events.suffix(3).reversed().map { event -> [String: Any] in
            ["time": Self.iso(event), "text": event.text,
             "place": event.place.map { sentence.name($0) as Any } ?? NSNull()]
        }
        return MCPToolResult(content: [.text(sentence.text), .text(Self.json(structured))], structured: structured)
    }

    func listShipments(_ values: [String: Any]) throws -> MCPToolResult {
        let args = try ToolArguments(values, known: ["state", "updated_since", "limit"])
        let limit = try args.integer("limit", 1...Self.maxListed) ?? 20
        let state = try args.choice("state", ShipmentState.allCases.map(\.rawValue))
        var since: Date?
        if let text = try args.string("updated_since", maxLength: 40) {
            guard let date = TraceTime.parse(text)?.date else {
                throw MCPArgumentError("updated_since must be an ISO 8601 time (2026-12-01T08:00:00+08:00)")
            }
            since = date
        }
        guard let shipments else { return .failure(code: "store.unavailable", message: "no shipment store is open") }
        var listed: [[String: Any]] = []
        var offset = 0
        // Newest first; filtered by state, which needs each trace geocoded, so read in pages until enough.
        scan: while listed.count < limit {
            let page = try shipments.list(limit: 100, offset: offset)
            if page.isEmpty { break }
            offset += page.count
            for record in page {
                if let since, record.updatedAt < since { break scan }
                if let state, record.state != state { continue }
                guard let trace = try? gate.geocodeFirst(record.trace) else { continue }
                let route = engine.route(trace)
                var item = summary(trace, route, engine.estimate(trace, route: route, history: learner?.history))
                item["carrier"] = record.key.carrier.id
                item["number"] = record.key.number
                item["version"] = record.version
                item["updated_at"] = ISO8601DateFormatter().string(from: record.updatedAt)
                listed.append(item)
                if listed.count == limit { break scan }
            }
        }
        let structured: [String: Any] = ["shipments": listed]
        return MCPToolResult(content: [.text(Self.json(structured))], structured: structured)
    }

    func findPlace(_ values: [String: Any]) throws -> MCPToolResult {
        let args = try ToolArguments(values, known: ["query", "limit"])
        guard let query = try args.string("query", maxLength: 100), !query.isEmpty else {
            throw MCPArgumentError("query is required (a place name)")
        }
        let limit = try args.integer("limit", 1...100) ?? 10
        let structured: [String: Any] = ["places": PlaceListing.search(engine.gazetteer, query, limit: limit)]
        return MCPToolResult(content: [.text(Self.json(structured))], structured: structured)
    }

    // MARK: Pieces

    enum Source {
        case trace
        case shipment(ShipmentKey)
    }

    /// The trace to draw: the `trace` argument, or a stored shipment's (`carrier` and `number`); never both.
    func input(_ args: ToolArguments) throws -> (Data, Source) {
        if let data = try args.trace(maxBytes: gate.maxBodyBytes) {
            guard args.values["carrier"] == nil, args.values["number"] == nil else {
                throw MCPArgumentError("give either trace or carrier and number, not both")
            }
            return (data, .trace)
        }
        let (key, record) = try stored(args)
        return (record.trace, .shipment(key))
    }

    func stored(_ args: ToolArguments) throws -> (ShipmentKey, ShipmentRecord) {
        guard let carrierName = try args.string("carrier", maxLength: 40), let number = try args.string("number", maxLength: 80)
        else { throw MCPArgumentError("carrier and number are required (or trace)") }
        let carrier: Carrier
        let key: ShipmentKey
        do {
            carrier = try Carrier.named(carrierName)
            key = try ShipmentKey(carrier: carrier, number: number)
        } catch {
            throw MCPArgumentError("carrier and number: \(error)")
        }
        guard let shipments else { throw ShipmentError.notFound(key.description) }
        guard let record = try shipments.get(key) else { throw ShipmentError.notFound(key.description) }
        return (key, record)
    }

    /// `{state, current_place, progress, remaining_km, eta?}`: what the card says, from the route computed once;
    /// `eta` (`{likely, earliest, latest, basis, sample_size}`, as `GET /v1/shipments/…` has it) when one is known.
    func summary(_ trace: GeocodedTrace, _ route: Route, _ estimate: DeliveryEstimate) -> [String: Any] {
        let current = trace.events.last { $0.place != nil }?.place
        var object: [String: Any] = [
            "state": trace.state.rawValue,
            "current_place": current.map { $0.name as Any } ?? NSNull(),
            "progress": route.progress.map { (($0 * 1000).rounded() / 1000) as Any } ?? NSNull(),
            "remaining_km": route.remainingKm.map { (($0 * 10).rounded() / 10) as Any } ?? NSNull(),
        ]
        if estimate.eta != nil { object["eta"] = estimate.etaObject }
        return object
    }

    /// A signed, long-lived absolute URL of the map: the stored shipment's, or a stored map made from the trace.
    func mapURL(_ source: Source, trace: Data, options: RenderOptions) throws -> String? {
        guard let publicBaseURL else { return nil }
        let path: String
        switch source {
        case .shipment(let key):
            path = "/v1/shipments/\(key.carrier.id)/\(key.number)/map.\(options.format.rawValue)?"
                + "size=\(options.width)x\(options.height)&scale=\(options.scale)&style=\(options.style)"
                + "&lang=\(options.language.rawValue)"
        case .trace:
            guard let maps else { return nil }
            let id = try maps.put(trace: trace, options: RenderQuery.canonical(options))
            path = "/v1/maps/\(id).\(options.format.rawValue)"
        }
        guard let signer else { return publicBaseURL + path }
        return publicBaseURL + signer.sign(path, expires: Int(Date().timeIntervalSince1970) + Self.mapURLLifetime)
    }

    static func iso(_ event: GeocodedEvent) -> String { TraceTime.format(event.time, offset: event.utcOffsetSeconds) }

    static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
