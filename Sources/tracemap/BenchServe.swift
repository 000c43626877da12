import Dispatch
import Foundation
import MapRendering
import Pipeline
import TraceMapService

/// `tracemap bench serve`: the service under `wrk` on loopback, beside nginx serving the same PNG, in one run.
///
/// - `single_core_render_rps`: whole requests' work (parse, geocode, route, render, encode) done back to back on one
///   thread, in process, over the same sizes the uncached run asks for;
/// - `uncached_rps`: `POST /v1/render` where every request asks a different size (700–899 × 500–699), so every
///   one renders; 8 connections (more only queue behind the workers);
/// - `cached_rps`, `cached_p99_ms`: a signed `GET /v1/maps/{id}.png` answered from the response cache, 64
///   connections;
/// - `nginx_rps`, `nginx_p99_ms`: nginx serving that PNG from disk, 64 connections, as many worker processes as
///   cores;
/// - the two ratios the targets are stated in, and the error counts (socket errors plus non-2xx/3xx answers).
/// The service's request log is discarded during the run (nginx runs with `access_log off` too).
enum BenchServe {
    static func run(json: Bool, words: [String] = []) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: [GeodataOption.name, "--seconds", "--trace"])
        guard let seconds = Int(args.value("--seconds") ?? "10"), seconds > 0 else {
            throw CommandLineError.usage("--seconds must be a positive number")
        }
        guard let tracePath = args.value("--trace") ?? BenchRender.locateSample(),
              let trace = FileManager.default.contents(atPath: tracePath) else {
            throw CommandLineError.failure("sample trace not found; pass --trace FILE")
        }
        let engine: TraceEngine
        do { engine = try TraceEngine.load(geodataDirectory: args.value(GeodataOption.name)) } catch {
            throw CommandLineError.failure("\(error)")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tracemap-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: scratch) }

        // 1. The single-core rate, over the sizes the uncached run uses.
        var count = 0
        let singleStart = DispatchTime.now().uptimeNanoseconds
        let singleEnd = singleStart + UInt64(min(seconds, 5)) * 1_000_000_000
        while DispatchTime.now().uptimeNanoseconds < singleEnd {
            let (width, height) = uncachedSize(count)
            _ = try engine.render(data: trace, options: RenderOptions(width: width, height: height))
            count += 1
        }
        let singleRate = Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - singleStart) / 1e9)

        // 2. The service on a free loopback port.
        var config = ServiceConfig()
        config.host = "127.0.0.1"
        config.port = 0
        config.dataDirectory = scratch.appendingPathComponent("data").path
        config.signingKey = "bench-signing-key"
        let app = try TraceMapApplication(config: config, engine: engine, log: { _ in })
        try app.server.start()
        defer { app.server.shutdown(deadline: 5) }
        let base = "http://127.0.0.1:\(app.server.port)"

        let traceFile = scratch.appendingPathComponent("trace.json")
        try trace.write(to: traceFile)
        let uncached = try WrkBenchmark.run(url: base, connections: 8, seconds: seconds,
                                            script: uncachedScript(traceFile: traceFile.path))

        let options = RenderOptions(width: 800, height: 600)
        let id = try app.maps.storeMap(trace: trace, options: options)
        let path = URLSigner(key: config.signingKey!).sign("/v1/maps/\(id).png",
                                                           expires: Int(Date().timeIntervalSince1970) + 86400)
        _ = try WrkBenchmark.run(url: base + path, connections: 1, threads: 1, seconds: 1)  // renders once, caches
        let cached = try WrkBenchmark.run(url: base + path, connections: 64, seconds: seconds)

        // 3. nginx with the same bytes on disk.
        let root = scratch.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try engine.render(data: trace, options: options).data.write(to: root.appendingPathComponent("map.png"))
        let nginx = try NginxStaticServer(root: root.path)
        defer { nginx.stop() }
        let reference = try WrkBenchmark.run(url: "http://127.0.0.1:\(nginx.port)/map.png", connections: 64,
                                             seconds: seconds)

        return [
            ("single_core_render_rps", singleRate, "req/s"),
            ("uncached_rps", uncached.requestsPerSecond, "req/s"),
            ("uncached_vs_single_core", uncached.requestsPerSecond / singleRate, "x (target ≥ 1.7)"),
            ("uncached_errors", Double(uncached.errors), "errors"),
            ("cached_rps", cached.requestsPerSecond, "req/s"),
            ("cached_p99_ms", cached.p99Milliseconds, "ms"),
            ("cached_errors", Double(cached.errors), "errors"),
            ("nginx_rps", reference.requestsPerSecond, "req/s"),
            ("nginx_p99_ms", reference.p99Milliseconds, "ms"),
            ("nginx_errors", Double(reference.errors), "errors"),
            ("cached_vs_nginx", cached.requestsPerSecond / reference.requestsPerSecond, "x (target ≥ 0.5)"),
        ]
    }

    /// The size of the `n`th uncached request: 40 000 distinct sizes around 800×600.
    static func uncachedSize(_ n: Int) -> (Int, Int) {
        (700 + n % 200, 500 + (n / 200) % 200)
    }

    /// A wrk script posting the trace with a new size per request (threads interleave their counters).
    static func uncachedScript(traceFile: String) -> String {
        """
        local file = assert(io.open("\(traceFile)", "rb"))
        wrk.method = "POST"
        wrk.body = file:read("*a")
        file:close()
        wrk.headers["Content-Type"] = "application/json"
        local threads = 0
        function setup(thread)
          thread:set("tid", threads)
          threads = threads + 1
        end
        local counter = 0
        function request()
          local n = counter * 2 + (tonumber(tid) or 0)
          counter = counter + 1
          local w = 700 + n % 200
          local h = 500 + math.floor(n / 200) % 200
          return wrk.format(nil, "/v1/render?size=" .. w .. "x" .. h)
        end
        """
    }
}
