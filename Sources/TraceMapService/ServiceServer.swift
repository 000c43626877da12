import Foundation
import HTTPServer

/// The running service around the transport: routing, signatures, metrics, the request log and shutdown.
///
/// It holds no map code: map handlers are added to `router` by the caller (render, geocode, maps), which also
/// supplies what `/healthz` reports. `/healthz` and `/metrics` are built in.
/// ```swift
/// var router = Router()
/// router.add("POST", "/v1/render") { request, _ in … }
/// let service = ServiceServer(config: config, router: router, health: { ["geodata": engine != nil] })
/// try service.start()
/// service.runUntilSignalled()   // SIGTERM/SIGINT → graceful shutdown
/// ```
public final class ServiceServer: Sendable {
    public let config: ServiceConfig
    public let metrics: ServiceMetrics
    public let cache: ResponseCache
    /// Nil when no signing key is configured (map URLs are then served unsigned).
    public let signer: URLSigner?
    let server: HTTPServer

    /// - Parameters:
    ///   - metrics: shared with handlers that record render times (a fresh one by default).
    ///   - health: named readiness checks for `/healthz` (e.g. "geodata": loaded); all true → 200, else 503 with the
    ///     false ones listed under `failed`.
    ///   - details: fixed facts `/healthz` reports beside the checks (e.g. "data_version").
    ///   - log: where request lines go (stderr by default).
    public init(config: ServiceConfig, router: Router, cache: ResponseCache? = nil,
                metrics: ServiceMetrics = ServiceMetrics(),
                health: @escaping @Sendable () -> [String: Bool] = { [:] },
                details: [String: String] = [:],
                log: @escaping @Sendable (String) -> Void = ServiceServer.standardError) {
        self.config = config
        self.metrics = metrics
        let cache = cache ?? ResponseCache(capacityBytes: config.cacheBytes)
        self.cache = cache
        signer = config.signingKey.map { URLSigner(key: $0) }
        var router = router
        let stats = Box<ServerStats>()
        router.add("GET", "/healthz") { _, _ in
            let checks = health()
            let ready = checks.values.allSatisfy { $0 }
            // Liveness is answering at all; readiness is every check holding.
            let failed = checks.keys.sorted().filter { checks[$0] == false }.map(Self.jsonString)
            let fields = ["\"live\":true", "\"ready\":\(ready)"]
                + (ready ? [] : ["\"failed\":[\(failed.joined(separator: ","))]"])
                + checks.keys.sorted().map { "\"\($0)\":\(checks[$0]! ? "true" : "false")" }
                + details.keys.sorted().map { "\"\($0)\":" + Self.jsonString(details[$0]!) }
            let body = "{\"status\":\"\(ready ? "ok" : "unavailable")\","
                + fields.joined(separator: ",") + "}"
            var response = HTTPResponse(status: ready ? 200 : 503, contentType: "application/json",
                                        body: Array(body.utf8))
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.add("GET", "/metrics") { _, _ in
            let checks = health()
            let text = metrics.prometheusText(server: stats.value, cache: cache.statistics,
                                              geodataLoaded: checks["geodata"])
            return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                body: Array(text.utf8))
        }
        let routes = router
        // Cache hits are answered on the connection thread (see `Router.add(_:_:answerNow:_:)`), counted in the
        // metrics exactly as if the pool had answered them.
        let fastHandler: HTTPServer.FastHandler?
        if config.fastPath && routes.hasImmediateHandlers {
            fastHandler = { request in
                let started = DispatchTime.now().uptimeNanoseconds
                guard let (template, response) = routes.dispatchNow(request) else { return nil }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                metrics.observeRequest(route: template, method: request.method, status: response.status,
                                       seconds: seconds)
                return response
            }
        } else {
            fastHandler = nil
        }
        server = HTTPServer(host: config.host, port: config.port, limits: config.limits,
                            logger: { log(RequestLogFormatter.line($0)) }, fastHandler: fastHandler) { request in
            let started = DispatchTime.now().uptimeNanoseconds
            let (template, result) = routes.dispatch(request)
            let response: HTTPResponse
            do { response = try result.get() } catch { response = HTTPError.from(error).response }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            metrics.observeRequest(route: template, method: request.method, status: response.status, seconds: seconds)
            return response
        }
        stats.value = server.stats
    }

    /// The port bound (useful with port 0).
    public var port: Int { server.port }
    public var stats: ServerStats { server.stats }

    public func start() throws(SocketError) { try server.start() }

    /// Blocks until SIGTERM or SIGINT, then shuts down gracefully within `config.shutdownDeadline`.
    /// Returns whether every request in flight finished in time.
    @discardableResult
    public func runUntilSignalled() -> Bool {
        _ = ShutdownSignal.wait()
        return server.shutdown(deadline: config.shutdownDeadline)
    }

    @discardableResult
    public func shutdown(deadline: Double) -> Bool { server.shutdown(deadline: deadline) }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A value set once during init, read afterwards by handlers that had to be created before it existed.
final class Box<Value: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `value` is written once in ServiceServer.init before the server starts (start()
    // happens-after init), and only read afterwards.
    var value: Value?
}
