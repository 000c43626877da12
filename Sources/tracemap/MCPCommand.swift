import Foundation
import MCP
import Pipeline
import TraceMapService

/// `tracemap mcp`: the Model Context Protocol server on stdin/stdout, for AI agents.
enum MCPCommand: Subcommand {
    static let name = "mcp"
    static let summary = "serve the MCP tools (route maps, status, places) on stdio: tracemap mcp [--data DIR]"
    static let usage = """
    usage: tracemap mcp [--geodata DIR] [--data DIR] [--config FILE]

    Reads newline-delimited JSON-RPC messages on stdin and answers on stdout (MCP stdio transport), for an agent
    that starts it as a subprocess. Speaks MCP 2026-07-28 (stateless: every request carries its version in
    _meta; server/discover) and the initialize handshake of 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05. Tools:
    render_route_map, locate_trace_events, shipment_status, list_shipments, find_place. Stored shipments come from
    the data directory's shipments.sqlite (the one `tracemap serve` uses). Settings as for serve (config file,
    then TRACEMAP_* variables): signingKey and publicBaseURL make map_url links. Logs go to stderr only; exits 0
    when stdin closes.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--data", "--config", GeodataOption.name])
        _ = try args.requirePositionals(0, "nothing")
        var config: ServiceConfig
        do { config = try ServiceConfig.load(file: args.value("--config")) } catch {
            throw CommandLineError.failure(error.description)
        }
        if let data = args.value("--data") { config.dataDirectory = data }
        let engine = try GeodataOption.loadEngine(args)
        let app: TraceMapApplication
        do {
            app = try TraceMapApplication(config: config, engine: engine, samplesDirectory: nil)
        } catch {
            throw CommandLineError.failure("data directory \(config.dataDirectory): \(error)")
        }
        Standard.error("tracemap mcp: ready on stdio (data \(config.dataDirectory))")
        MCPStdioTransport(server: app.mcp).run()
        return 0
    }
}
