import Foundation
import Gazetteer
import HTTPServer
import MapRendering
import Pipeline
import SQLite
import TraceMapService

/// `tracemap serve`: the HTTP service (maps, shipments, webhooks) until SIGTERM or SIGINT.
enum ServeCommand: Subcommand {
    static let name = "serve"
    static let summary = "run the HTTP service: tracemap serve [--host H] [--port P] [--data DIR] [--config FILE]"
    static let usage = """
    usage: tracemap serve [--host 127.0.0.1] [--port 8080] [--data DIR] [--config FILE] [--geodata DIR]

    Loads the geodata and styles once, opens the service's databases in the data directory (maps.sqlite,
    shipments.sqlite; created when missing) and serves HTTP/1.1. Settings come from the config file (JSON), then
    TRACEMAP_* environment variables, then these flags (each wins over the one before). Prints
    "TraceMap serving on http://HOST:PORT/" once listening, logs one line per request to stderr, and on SIGTERM or
    SIGINT stops accepting, finishes requests in flight within shutdownDeadline seconds and exits 0.
    A missing or corrupt geodata file, config file or database stops start-up with a message naming it (exit 1).
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--host", "--port", "--data", "--config", GeodataOption.name])
        _ = try args.requirePositionals(0, "nothing")
        var config: ServiceConfig
        do { config = try ServiceConfig.load(file: args.value("--config")) } catch {
            throw CommandLineError.failure(error.description)
        }
        if let host = args.value("--host") { config.host = host }
        if let port = args.value("--port") {
            guard let value = Int(port), (0...65535).contains(value) else {
                throw CommandLineError.usage("--port must be an integer in 0...65535")
            }
            config.port = value
        }
        if let data = args.value("--data") { config.dataDirectory = data }

        let geodata: String
        let engine: TraceEngine
        do {
            geodata = try GeodataLocator(explicitDirectory: args.value(GeodataOption.name)).directory()
            engine = try TraceEngine.load(geodataDirectory: geodata)
        } catch let error as GazetteerError {
            throw CommandLineError.failure(error.description)
        } catch let error as RenderError {
            throw CommandLineError.failure(error.description)
        } catch let error as SQLiteError {
            throw CommandLineError.failure("geodata: \(error)")
        }
        let app: TraceMapApplication
        do {
            app = try TraceMapApplication(config: config, engine: engine,
                                          samplesDirectory: geodata + "/samples")
        } catch {
            throw CommandLineError.failure("data directory \(config.dataDirectory): \(error)")
        }
        do { try app.server.start() } catch {
            throw CommandLineError.failure("cannot listen on \(config.host):\(config.port): \(error)")
        }
        let host = config.host.contains(":") ? "[\(config.host)]" : config.host
        Standard.output("TraceMap serving on http://\(host):\(app.server.port)/")
        if !app.server.runUntilSignalled() {
            Standard.error("tracemap serve: requests still running after \(config.shutdownDeadline) s were cut off")
        }
        return 0
    }
}
