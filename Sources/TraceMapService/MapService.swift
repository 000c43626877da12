import Digest
import Foundation
import Geocoding
import HTTPServer
import MapRendering
import Pipeline

/// The map endpoints: render a posted trace, geocode it, store it as a map and serve stored maps.
///
/// | route | what |
/// |---|---|
/// | `POST /v1/render?size=&scale=&style=&format=&lang=` | the image of the posted trace; `ETag`, `If-None-Match` → 304 |
/// | `POST /v1/geocode` | the GeocodeJSON of the posted trace (as `tracemap geocode`) |
/// | `POST /v1/maps?…` | stores trace + options content-addressed; 201 `{"id","url"}` |
/// | `GET`/`HEAD /v1/maps/{id}.{png,svg,pdf,gif}?size=&scale=&style=&lang=&animate=` | the stored map, immutable caching |
///
/// Rendered bytes are kept in the shared `ResponseCache` under their ETag, so a repeated request costs a hash and
/// a dictionary lookup: no geocoding, no drawing, no encoding. Such hits (and 304s) are answered on the connection
/// thread through the routes' `answerNow` handlers, without a trip through the worker pool; anything else (a miss,
/// an error, a map whose options were never read) returns nil there and takes the normal path.
public final class MapService: Sendable {
    public let engine: TraceEngine
    public let store: MapStore
    public let config: ServiceConfig
    public let cache: ResponseCache
    public let metrics: ServiceMetrics
    /// The limits every trace and every set of options of these routes passes (shared with the shipments API).
    public let gate: LimitsGate
    let signer: URLSigner?
    /// ETags of stored maps asked for without option overrides ("id.format" → ETag), so a cached GET neither parses
    /// the stored options nor hashes them again. Bounded like `MapStore`'s options memory.
    private let plainETags = Locked<[String: String]>([:])

    /// Stored maps never change, so caches may keep them for a year without revalidating (RFC 8246 `immutable`).
    public static let immutableCacheControl = "public, max-age=31536000, immutable"

    /// The largest `POST /v1/render` body whose ETag the connection thread computes to look for a cached image:
    /// hashing it must stay cheap next to the render it may save (larger bodies take the pool's path).
    public static let immediateRenderBodyBytes = 64 * 1024

    /// - Parameter gate: the limits gate (by default one built from `config`; the application shares one).
    public init(engine: TraceEngine, store: MapStore, config: ServiceConfig, cache: ResponseCache,
                metrics: ServiceMetrics, gate: LimitsGate? = nil) {
        self.engine = engine
        self.store = store
        self.config = config
        self.cache = cache
        self.metrics = metrics
        self.gate = gate ?? LimitsGate(config: config, engine: engine)
        signer = config.signingKey.map(URLSigner.init(key:))
    }

    /// Adds the map routes to `router`.
    public func register(in router: inout Router) {
        router.add("POST", "/v1/render", answerNow: { [self] request, _ in cachedRender(request) }) {
            [self] request, _ in try render(request)
        }
        router.add("POST", "/v1/geocode") { [self] request, _ in try geocode(request) }
        router.add("POST", "/v1/maps") { [self] request, _ in try createMap(request) }
        router.add("GET", "/v1/maps/{id}.{format}", answerNow: { [self] request, match in
            cachedMap(request, id: match["id"] ?? "", format: match["format"] ?? "")
        }) { [self] request, match in
            try map(request, id: match["id"] ?? "", format: match["format"] ?? "")
        }
        router.add("GET", "/v1/maps/{id}/page") { [self] request, match in
            try tracking(request, id: match["id"] ?? "") { try $0.page($1, seed: $2, defaults: $3, trace: $4) }
        }
        router.add("GET", "/v1/maps/{id}/route.geojson") { [self] request, match in
            try tracking(request, id: match["id"] ?? "") { try $0.geoJSON($1, seed: $2, defaults: $3, trace: $4) }
        }
    }

    /// A stored map's tracking page or route GeoJSON: signed like its image, immutable like it.
    func tracking(_ request: HTTPRequest, id: String,
                  _ answer: (TrackingResponse, HTTPRequest, String, RenderOptions, () throws -> GeocodedTrace) throws
                      -> HTTPResponse) throws -> HTTPResponse
    {
        if let signer { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) }
        guard MapStore.isID(id) else { throw HTTPError.notFound("no map '\(id.prefix(40))'") }
        guard let stored = try store.options(of: id) else { throw HTTPError.notFound("no map \(id)") }
        let defaults = try RenderQuery.options(Self.items(stored))
        let responder = TrackingResponse(engine: engine, frameAncestors: config.frameAncestors,
                                         cacheControl: Self.immutableCacheControl)
        return try answer(responder, request, "map|\(id)", defaults) {
            guard let record = try store.get(id) else { throw HTTPError.notFound("no map \(id)") }
            return try geocodeFirst(record.trace)
        }
    }

    // MARK: Handlers

    func render(_ request: HTTPRequest) throws -> HTTPResponse {
        let (options, etag) = try renderVariant(request)
        return try image(request, etag: etag, headers: HTTPHeaders([("ETag", etag)]), options: options) {
            Data(request.body)
        }
    }

    /// `render(request)`'s answer when it needs no render (304 or a cache hit) and the body is small; else nil.
    func cachedRender(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.body.count <= Self.immediateRenderBodyBytes,
              let (_, etag) = try? renderVariant(request) else { return nil }
        return cachedImage(request, etag: etag, headers: HTTPHeaders([("ETag", etag)]))
    }

    /// The options of a render request and its ETag: a hash of the body, the canonical options and the data version.
    private func renderVariant(_ request: HTTPRequest) throws -> (RenderOptions, String) {
        let options = try gate.options(request.queryItems)
        var hasher = SHA256()
        hasher.update(request.body)
        hasher.update(Array("\n\(RenderQuery.canonical(options))\n\(engine.dataVersion)".utf8))
        return (options, "\"r" + Hex.encode(hasher.finalize().prefix(16)) + "\"")
    }

    func geocode(_ request: HTTPRequest) throws -> HTTPResponse {
        let traces = try geocodeAll(Data(request.body))
        var body = traces.count == 1 ? GeocodeJSON.encode(traces[0]) : GeocodeJSON.encode(traces)
        body.append(0x0A)
        return HTTPResponse(status: 200, contentType: "application/json", body: Array(body))
    }

    func createMap(_ request: HTTPRequest) throws -> HTTPResponse {
        let options = try gate.options(request.queryItems)
        guard engine.renderer.styles.names.contains(options.style) else {
            throw RenderError(.unknownStyle, "no style '\(options.style.prefix(40))' (have "
                + engine.renderer.styles.names.joined(separator: ", ") + ")")
        }
        let id = try storeMap(trace: Data(request.body), options: options)
        let path = "/v1/maps/\(id).\(options.format.rawValue)"
        var object: [String: Any] = ["id": id, "url": path]
        if let signer {
            let expires = Int(Date().timeIntervalSince1970) + config.signedURLLifetime
            object["url"] = signer.sign(path, expires: expires)
            object["expires"] = expires
        }
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var response = HTTPResponse(status: 201, contentType: "application/json", body: Array(body) + [0x0A])
        response.headers.set("Location", path)
        return response
    }

    func map(_ request: HTTPRequest, id: String, format formatText: String) throws -> HTTPResponse {
        if let signer { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) }
        guard MapStore.isID(id) else { throw HTTPError.notFound("no map '\(id.prefix(40))'") }
        let format = try RenderOptions.Format(parsing: formatText)
        guard let stored = try store.options(of: id) else { throw HTTPError.notFound("no map \(id)") }
        let (options, etag) = try mapVariant(request, id: id, format: format, stored: stored)
        let headers = HTTPHeaders([("ETag", etag), ("Cache-Control", Self.immutableCacheControl)])
        return try image(request, etag: etag, headers: headers, options: options) {
            guard let record = try store.get(id) else { throw HTTPError.notFound("no map \(id)") }
            return record.trace
        }
    }

    /// `map(request, …)`'s answer when it needs neither the database nor a render: a valid signature (when one is
    /// required), options already in memory, and a 304 or a cache hit. Nil otherwise, also for every error (the
    /// normal path then gives the error answer).
    func cachedMap(_ request: HTTPRequest, id: String, format formatText: String) -> HTTPResponse? {
        if let signer {
            do { try signer.verify(request, now: Int(Date().timeIntervalSince1970)) } catch { return nil }
        }
        guard MapStore.isID(id) else { return nil }
        let plain = !request.queryItems.contains { RenderQuery.names.contains($0.name) && $0.name != "format" }
        let memoKey = id + "." + formatText
        let etag: String
        if plain, let known = plainETags.withLock({ $0[memoKey] }) {
            etag = known
        } else {
            guard let format = try? RenderOptions.Format(parsing: formatText),
                  let stored = store.rememberedOptions(of: id),
                  let (_, computed) = try? mapVariant(request, id: id, format: format, stored: stored)
            else { return nil }
            etag = computed
            if plain {
                plainETags.withLock {
                    if $0.count >= MapStore.rememberedIDs { $0.removeAll(keepingCapacity: true) }
                    $0[memoKey] = computed
                }
            }
        }
        return cachedImage(request, etag: etag,
                           headers: HTTPHeaders([("ETag", etag), ("Cache-Control", Self.immutableCacheControl)]))
    }

    /// The options of a stored-map request (the stored ones, the path's format, the query's overrides) and its ETag.
    private func mapVariant(_ request: HTTPRequest, id: String, format: RenderOptions.Format,
                            stored: String) throws -> (RenderOptions, String) {
        var base = try RenderQuery.options(Self.items(stored))
        base.format = format
        let overrides = request.queryItems.filter { $0.name != "format" }
        let options = try gate.options(overrides, base: base)
        let etag = "\"m" + Hex.encode(SHA256.hash(Array(
            "\(id)\n\(RenderQuery.canonical(options))\n\(engine.dataVersion)".utf8)).prefix(16)) + "\""
        return (options, etag)
    }

    // MARK: Shared steps

    /// Stores a trace as a map after checking that it parses and holds a shipment (so it renders later).
    public func storeMap(trace: Data, options: RenderOptions) throws -> String {
        _ = try geocodeFirst(trace)
        return try store.put(trace: trace, options: RenderQuery.canonical(options))
    }

    /// 304 when the client has `etag`; else the cached bytes; else nil. A hit counts as one; a miss is not
    /// counted here (the normal path that follows counts it once).
    private func cachedImage(_ request: HTTPRequest, etag: String, headers: HTTPHeaders) -> HTTPResponse? {
        if request.ifNoneMatch(etag) { return .notModified(etag: etag, headers: headers) }
        guard let entry = cache.hit(etag) else { return nil }
        return Self.imageResponse(entry, headers: headers)
    }

    private static func imageResponse(_ entry: ResponseCache.Entry, headers: HTTPHeaders) -> HTTPResponse {
        var headers = headers
        headers.add("Content-Type", entry.contentType)
        return HTTPResponse(status: 200, headers: headers, body: entry.body)
    }

    /// 304 when the client has `etag`; else the cached bytes; else renders the trace `load` gives and caches it.
    private func image(_ request: HTTPRequest, etag: String, headers: HTTPHeaders, options: RenderOptions,
                       load: () throws -> Data) throws -> HTTPResponse {
        if request.ifNoneMatch(etag) { return .notModified(etag: etag, headers: headers) }
        let entry: ResponseCache.Entry
        if let cached = cache.get(etag) {
            entry = cached
        } else {
            let trace = try geocodeFirst(try load())
            let started = DispatchTime.now().uptimeNanoseconds
            let image = try engine.render(trace, options: options)
            metrics.observeRender(seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            entry = ResponseCache.Entry(contentType: image.contentType, body: Array(image.data))
            cache.put(etag, entry)
        }
        return Self.imageResponse(entry, headers: headers)
    }

    /// Every shipment of a body, geocoded through the gate.
    func geocodeAll(_ data: Data) throws -> [GeocodedTrace] { try gate.geocodeAll(data) }

    /// The first shipment of a body, geocoded through the gate; a body with none is 422 `trace.bad_field`.
    func geocodeFirst(_ data: Data) throws -> GeocodedTrace { try gate.geocodeFirst(data) }

    /// The items of a canonical options query (no percent-encoding: its values are sizes, digits and style names).
    static func items(_ query: String) -> [QueryItem] {
        query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
