import Arrival
import Digest
import Foundation
import Geocoding
import HTTPServer
import MapRendering
import Pipeline

/// The shipments API and the aggregators' webhooks: takes pushes, keeps each shipment's latest trace, serves its
/// always-current map.
///
/// | route | what |
/// |---|---|
/// | `POST /v1/webhooks/kuaidi100` | Kuaidi100 subscription push (`param`, `sign`) |
/// | `POST /v1/webhooks/kdniao` | Kdniao push (`RequestData`, `DataSign`, `RequestType`), several shipments |
/// | `PUT /v1/shipments/{carrier}/{number}` | a trace in any format; `Authorization: Bearer` when an API key is set |
/// | `GET /v1/shipments/{carrier}/{number}` | the shipment as JSON |
/// | `GET`/`HEAD /v1/shipments/{carrier}/{number}/map.{png,svg,pdf,gif}` | its map (`animate=1`: SVG marker travels); signed when a signing key is set |
/// | `GET /v1/shipments/{carrier}/{number}/events` | a `text/event-stream` of its versions, signed like its page |
///
/// Every write answers only after its commit.
public final class ShipmentService: Sendable {
    public let store: ShipmentStore
    public let engine: TraceEngine
    public let config: ServiceConfig
    public let cache: ResponseCache
    public let metrics: ServiceMetrics?
    /// The limits every trace (PUT, pushes, stored ones read back) and every set of map options passes.
    public let gate: LimitsGate
    /// The delivery-time history ETAs use and delivered shipments teach (nil: priors only).
    public let learner: DeliveryLearner?
    let signer: URLSigner?
    /// Wakes the event streams of a shipment whose version a write changed.
    public let notifier = ShipmentChangeNotifier()

    /// Seconds a shipment map may be reused before revalidating: short, since the trace changes.
    public static let mapMaxAge = 60

    /// - Parameter gate: the limits gate (by default one built from `config`; the application shares the maps' one).
    public init(store: ShipmentStore, engine: TraceEngine, config: ServiceConfig, cache: ResponseCache,
                metrics: ServiceMetrics? = nil, gate: LimitsGate? = nil, learner: DeliveryLearner? = nil)
    {
        self.store = store
        self.engine = engine
        self.config = config
        self.cache = cache
        self.metrics = metrics
        self.gate = gate ?? LimitsGate(config: config, engine: engine)
        self.learner = learner ?? (try? DeliveryLearner(store: store, engine: engine))
        signer = config.signingKey.map(URLSigner.init(key:))
    }

    /// The route template a request matches (for metrics), or nil when it is not one of this service's.
    public static func route(for path: String) -> String? {
        if path == "/v1/webhooks/kuaidi100" || path == "/v1/webhooks/kdniao" { return path }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[1] == "v1", parts[2] == "shipments" else { return nil }
        if parts.count == 5 { return "/v1/shipments/{carrier}/{number}" }
        if parts.count == 6, parts[5].hasPrefix("map.") { return "/v1/shipments/{carrier}/{number}/map" }
        if parts.count == 6, parts[5] == "page" { return "/v1/shipments/{carrier}/{number}/page" }
        if parts.count == 6, parts[5] == "route.geojson" { return "/v1/shipments/{carrier}/{number}/route.geojson" }
        if parts.count == 6, parts[5] == "events" { return "/v1/shipments/{carrier}/{number}/events" }
        return nil
    }

    /// Answers a request of this service, or returns nil when the path is not one of its routes.
    public func handle(_ request: HTTPRequest) throws -> HTTPResponse? {
        guard let route = Self.route(for: request.path) else { return nil }
        switch route {
        case "/v1/webhooks/kuaidi100":
            try require(request, methods: ["POST"])
            return kuaidi100(request)
        case "/v1/webhooks/kdniao":
            try require(request, methods: ["POST"])
            return kdniao(request)
        default:
            let parts = request.path.split(separator: "/").map(String.init)
            let key = try ShipmentKey(carrier: try Carrier.named(parts[2]), number: parts[3])
            if route.hasSuffix("/map") {
                try require(request, methods: ["GET", "HEAD"])
                return try map(request, key: key, file: parts[4])
            }
            if route.hasSuffix("/events") {
                try require(request, methods: ["GET", "HEAD"])
                return try events(request, key: key)
            }
            if route.hasSuffix("/page") || route.hasSuffix("/route.geojson") {
                try require(request, methods: ["GET", "HEAD"])
                return try tracking(request, key: key, page: route.hasSuffix("/page"))
            }
            switch request.method {
            case "PUT": return try put(request, key: key)
            case "GET", "HEAD": return try show(key)
            default: throw HTTPError.methodNotAllowed(allowed: ["GET", "HEAD", "PUT"])
            }
        }
    }

    private func require(_ request: HTTPRequest, methods: [String]) throws {
        guard methods.contains(request.method) else { throw HTTPError.methodNotAllowed(allowed: methods) }
    }

    // MARK: Writes

    /// Geocodes one shipment's trace to learn its state and newest event, so the store can apply its rules.
    private func incoming(_ key: ShipmentKey, trace: Data, source: String, subscription: String?) throws
        -> (IncomingTrace, GeocodedTrace)
    {
        let geocoded = try gate.geocodeFirst(trace)
        return (IncomingTrace(key: key, trace: trace, latestEventAt: geocoded.latestEventTime,
                              state: geocoded.state.rawValue, source: source, subscription: subscription), geocoded)
    }

    /// Stores traces (one transaction), wakes the streams watching each changed one, and teaches the delivery
    /// history each one that is now delivered.
    private func save(_ items: [(IncomingTrace, GeocodedTrace)]) throws -> [UpsertOutcome] {
        let outcomes = try store.upsert(items.map(\.0))
        for ((incoming, trace), outcome) in zip(items, outcomes) {
            if case .created = outcome { publish(incoming.key, trace: trace, version: outcome.version) }
            if case .updated = outcome { publish(incoming.key, trace: trace, version: outcome.version) }
        }
        for ((incoming, trace), outcome) in zip(items, outcomes) where trace.state == .delivered {
            switch outcome {
            case .created, .updated:
                // The trace is committed; the history is derived from it and `tracemap eta learn` rebuilds it, so
                // a failure here loses nothing.
                _ = try? learner?.learn(incoming.key, trace: trace)
            case .unchanged, .stale: break
            }
        }
        return outcomes
    }

    private func kuaidi100(_ request: HTTPRequest) -> HTTPResponse {
        do {
            guard let salt = config.kuaidi100Salt else { throw ShipmentError.notConfigured("TRACEMAP_KUAIDI100_SALT") }
            let push = try Kuaidi100Push(body: Data(request.body), salt: salt)
            _ = try save([try incoming(push.key, trace: push.lastResult, source: "kuaidi100",
                                       subscription: push.status)])
            return HTTPResponse(contentType: "application/json", body: Array(Kuaidi100Push.successReply))
        } catch {
            let problem = HTTPError.from(error)
            var object: [String: Any] = ["result": false, "returnCode": problem.status == 401 ? "400" : "500",
                                         "message": problem.message, "code": problem.code]
            if problem.status == 500 { object["message"] = "internal error" }
            return jsonResponse(object, status: problem.status)
        }
    }

    private func kdniao(_ request: HTTPRequest) -> HTTPResponse {
        let business = config.kdniaoEBusinessID ?? ""
        do {
            guard let appKey = config.kdniaoAppKey else { throw ShipmentError.notConfigured("TRACEMAP_KDNIAO_APPKEY") }
            let push = try KdniaoPush(body: Data(request.body), appKey: appKey)
            if let expected = config.kdniaoEBusinessID, let sent = push.eBusinessID, sent != expected {
                throw ShipmentError.badField("RequestData.EBusinessID", "'\(sent)' is not this account's")
            }
            let batch = try push.items.map { try incoming($0.key, trace: $0.trace, source: "kdniao", subscription: nil) }
            _ = try save(batch)
            return HTTPResponse(contentType: "application/json",
                                body: Array(KdniaoPush.reply(eBusinessID: business, success: true, reason: "")))
        } catch {
            let problem = HTTPError.from(error)
            var body = KdniaoPush.reply(eBusinessID: business, success: false,
                                        reason: problem.status == 500 ? "internal error" : problem.message)
            if var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                object["code"] = problem.code
                body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? body
            }
            return HTTPResponse(status: problem.status, contentType: "application/json", body: Array(body))
        }
    }

    private func put(_ request: HTTPRequest, key: ShipmentKey) throws -> HTTPResponse {
        if let apiKey = config.apiKey {
            let sent = request.headers["Authorization"] ?? ""
            guard ConstantTime.equals(Array(sent.utf8), Array("Bearer \(apiKey)".utf8)) else {
                throw HTTPError(status: 401, code: "auth.bad_api_key",
                                message: "PUT needs 'Authorization: Bearer <TRACEMAP_API_KEY>'",
                                headers: HTTPHeaders([("WWW-Authenticate", "Bearer")]))
            }
        }
        let outcome = try save([try incoming(key, trace: Data(request.body), source: "api", subscription: nil)])[0]
        let status = if case .created = outcome { 201 } else { 200 }
        return jsonResponse(["carrier": key.carrier.id, "number": key.number, "version": outcome.version,
                             "outcome": outcome.word, "url": "/v1/shipments/\(key.carrier.id)/\(key.number)"],
                            status: status)
    }

    /// Stores one shipment's trace file as `PUT /v1/shipments/{carrier}/{number}` would (the same gate and store
    /// rules), its key read from the trace itself (`ShipperCode`/`LogisticCode`, `com`/`nu`, `carrier`/`number`).
    /// - Throws: `TraceError` for a bad trace; `ShipmentError` when it names no carrier or number, or holds
    ///   several shipments (a push: post it to its webhook instead).
    public func importTrace(_ data: Data, source: String = "import") throws -> (ShipmentKey, UpsertOutcome) {
        let shipments = try gate.geocodeAll(data)
        guard shipments.count == 1, let trace = shipments.first else {
            throw ShipmentError.badField("trace", "a file to import holds one shipment (this one holds \(shipments.count))")
        }
        guard let carrier = trace.carrier, !carrier.isEmpty else { throw ShipmentError.badField("carrier", "the trace names no carrier") }
        guard let number = trace.number, !number.isEmpty else { throw ShipmentError.missingNumber }
        let key = try ShipmentKey(carrier: try Carrier.named(carrier), number: number)
        let incoming = IncomingTrace(key: key, trace: data, latestEventAt: trace.latestEventTime,
                                     state: trace.state.rawValue, source: source, subscription: nil)
        return (key, try save([(incoming, trace)])[0])
    }

    // MARK: Reads

    /// What an ETA printed on a map or page depends on besides the trace: the history's generation and the hour
    /// (the estimate is as of now), so a cached map or page is not served with a stale ETA for longer than an hour.
    private var etaEpoch: String {
        "\(learner?.generation ?? 0)/\(Int(Date().timeIntervalSince1970) / 3600)"
    }

    func record(_ key: ShipmentKey) throws -> ShipmentRecord {
        guard let record = try store.get(key) else { throw ShipmentError.notFound(key.description) }
        return record
    }

    private func show(_ key: ShipmentKey) throws -> HTTPResponse {
        let record = try record(key)
        let trace = try gate.geocodeFirst(record.trace)
        guard var object = try JSONSerialization.jsonObject(with: GeocodeJSON.encode(trace)) as? [String: Any] else {
            throw HTTPError.internalError
        }
        object["carrier"] = key.carrier.id
        object["carrier_name"] = key.carrier.name
        object["number"] = key.number
        object["subscription"] = record.subscription ?? NSNull()
        object["current"] = (object["events"] as? [[String: Any]])?.last(where: { $0["place"] is [String: Any] })?["place"]
            ?? NSNull()
        object.merge(ShipmentSnapshot(record: record, trace: trace, engine: engine, history: learner?.history)
            .shipmentFields) { _, snapshot in snapshot }
        object["map"] = "/v1/shipments/\(key.carrier.id)/\(key.number)/map.png"
        var response = jsonResponse(object, status: 200)
        response.headers.set("Cache-Control", "no-cache")
        return response
    }

    private func map(_ request: HTTPRequest, key: ShipmentKey, file: String) throws -> HTTPResponse {
        if let signer { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) }
        guard file.hasPrefix("map.") else { throw HTTPError.notFound() }
        let format = try RenderOptions.Format(parsing: String(file.dropFirst(4)))
        var base = RenderOptions()
        base.format = format
        let options = try gate.options(request.queryItems.filter { $0.name != "format" }, base: base)
        let record = try record(key)
        let etag = "\"s" + Hex.encode(SHA256.hash(Array(
            "\(key)|\(record.version)|\(record.traceHash)|\(RenderQuery.canonical(options))|\(engine.dataVersion)|\(etaEpoch)"
                .utf8))
            .prefix(16)) + "\""
        var headers = HTTPHeaders([("ETag", etag),
                                   ("Cache-Control", "public, max-age=\(Self.mapMaxAge), must-revalidate")])
        if request.ifNoneMatch(etag) { return .notModified(etag: etag, headers: headers) }
        let entry: ResponseCache.Entry
        if let cached = cache.get(etag) {
            entry = cached
        } else {
            let started = Date()
            let image = try engine.render(try gate.geocodeFirst(record.trace), options: options, history: learner?.history)
            metrics?.observeRender(seconds: Date().timeIntervalSince(started))
            entry = ResponseCache.Entry(contentType: image.contentType, body: Array(image.data))
            cache.put(etag, entry)
        }
        headers.set("Content-Type", entry.contentType)
        return HTTPResponse(status: 200, headers: headers, body: entry.body)
    }

    /// The shipment's tracking page or route GeoJSON, signed exactly like its map, revalidated like it.
    private func tracking(_ request: HTTPRequest, key: ShipmentKey, page: Bool) throws -> HTTPResponse {
        if let signer { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) }
        let record = try record(key)
        let responder = TrackingResponse(engine: engine, frameAncestors: config.frameAncestors,
                                         cacheControl: "public, max-age=\(Self.mapMaxAge), must-revalidate",
                                         history: learner?.history)
        let seed = "shipment|\(key)|\(record.version)|\(record.traceHash)|\(etaEpoch)"
        let load = { [gate] in try gate.geocodeFirst(record.trace) }
        return page ? try responder.page(request, seed: seed, defaults: RenderOptions(), eventsURL: eventsURL(for: request),
                                         trace: load)
            : try responder.geoJSON(request, seed: seed, defaults: RenderOptions(), trace: load)
    }

    private func jsonResponse(_ object: [String: Any], status: Int) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return HTTPResponse(status: status, contentType: "application/json", body: Array(data))
    }
}
