import Foundation
import HTTPServer
import MCP
import Pipeline

/// The whole service: the shipments API, the map endpoints and the home page on one `ServiceServer`, sharing one
/// engine, one response cache and one set of metrics.
///
/// ```swift
/// let app = try TraceMapApplication(config: config, engine: try TraceEngine.load(),
///                                   samplesDirectory: geodataDirectory + "/samples")
/// try app.server.start()
/// app.server.runUntilSignalled()
/// ```
public final class TraceMapApplication: Sendable {
    public let config: ServiceConfig
    public let engine: TraceEngine
    public let maps: MapService
    public let shipments: ShipmentService
    public let home: HomePage
    public let server: ServiceServer
    /// The MCP endpoint over the same engine, stores and limits gate (`tracemap mcp` on stdio).
    public let mcp: MCPServer

    /// The MCP server's identity and its guidance for models.
    public static let mcpInfo = MCPServer.Info(
        name: "tracemap", version: "1.0",
        instructions: "TraceMap draws parcel route maps and explains where a parcel is. For \"where is my parcel?\", "
            + "call shipment_status and quote its answer, then render_route_map to show the map. Give traces as "
            + "the carrier or aggregator returned them.")

    /// Opens the stores in `config.dataDirectory` (creating it), stores the sample maps and builds the routes.
    /// - Throws: the file-system or `SQLiteError` that names the directory or database that cannot be opened.
    public init(config: ServiceConfig, engine: TraceEngine, samplesDirectory: String? = nil,
                log: @escaping @Sendable (String) -> Void = ServiceServer.standardError) throws {
        self.config = config
        self.engine = engine
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let cache = ResponseCache(capacityBytes: config.cacheBytes)
        let metrics = ServiceMetrics()
        let mapStore = try MapStore(path: MapStore.defaultPath(dataDirectory: config.dataDirectory))
        let shipmentStore = try ShipmentStore(path: ShipmentStore.defaultPath(dataDirectory: config.dataDirectory))
        let gate = LimitsGate(config: config, engine: engine)
        let maps = MapService(engine: engine, store: mapStore, config: config, cache: cache, metrics: metrics,
                              gate: gate)
        self.maps = maps
        shipments = ShipmentService(store: shipmentStore, engine: engine, config: config, cache: cache,
                                    metrics: metrics, gate: gate)
        let home = samplesDirectory.map { HomePage.load(samplesDirectory: $0, maps: maps, warn: log) }
            ?? HomePage(examples: [], styles: engine.renderer.styles.names)
        self.home = home

        var router = Router()
        router.mount(shipments)
        maps.register(in: &router)
        let signer = config.signingKey.map(URLSigner.init(key:))
        let lifetime = config.signedURLLifetime
        router.add("GET", "/") { _, _ in
            home.response(signer: signer, lifetime: lifetime, now: Int(Date().timeIntervalSince1970))
        }
        // A message holds a trace (bounded by maxBodyBytes, as a render body is) and its JSON-RPC envelope.
        var mcpLimits = MCPLimits()
        mcpLimits.maxMessageBytes = max(mcpLimits.maxMessageBytes, config.limits.maxBodyBytes * 2)
        let mcp = MCPServer(info: Self.mcpInfo,
                            toolbox: TraceMapToolbox(engine: engine, gate: gate, shipments: shipmentStore,
                                                     maps: mapStore, config: config, learner: shipments.learner),
                            limits: mcpLimits)
        self.mcp = mcp
        MCPEndpoint(server: mcp, config: config).register(in: &router)
        let health = HealthChecks(engine: engine, maps: mapStore, shipments: shipmentStore)
        server = ServiceServer(config: config, router: router, cache: cache, metrics: metrics,
                               health: { health.run() }, details: health.details, log: log)
    }
}
