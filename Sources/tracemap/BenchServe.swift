import Dispatch
import Foundation
import Glibc
import MapRendering
import Pipeline
import TraceMapService

/// `tracemap bench serve`: the service under `wrk` on loopback, beside nginx serving the same PNG, in one run.
///
/// - `single_core_render_rps`: whole requests' work (parse, geocode, route, render, encode) done back to back on one
///   thread, in process, over the same sizes the uncached run asks for;
/// - `uncached_rps`: `POST /v1/render` where every request asks a different size (700–899 × 500–699), so every
///   one renders; 8 connections (more only queue behind the workers);
/// - `render_cpu_ms_*`, `render_waits_*`, `render_blocked_ms_*`: per render, the CPU time of the rendering thread,
///   its voluntary context switches (times it blocked: a lock held by another thread, I/O) and the time it spent
///   blocked (wall time minus running minus waiting for a core, from schedstat), on one thread and on one thread per
///   core. Equal CPU per render and ~0 blocked time on both show that renders run in parallel without serialising,
///   even when the shared machine does not lend us the cores to show it in wall time;
/// - `cached_rps`, `cached_p99_ms`: a signed `GET /v1/maps/{id}.png` answered from the response cache, 64
///   connections; `cached_pool_rps`, `cached_pool_p99_ms`: the same with the fast path off (`fastPath: false`), so
///   every hit goes through the worker pool as before;
/// - `nginx_rps`, `nginx_p99_ms`: nginx serving that PNG from disk, 64 connections, as many worker processes as
///   cores;
/// - the three cached runs alternate in 2-second rounds and report medians; `cached_vs_nginx` is the median of the
///   per-round ratios, with the worst and best round;
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

        // 1. The service on a free loopback port.
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

        // 2. The single-core rate over the sizes the uncached run uses, the same work on one thread per core in
        //    process (what the renderer alone scales to, without HTTP), and the uncached HTTP run, taking turns in
        //    short rounds (order rotated) so a change in the shared machine's load hits all three alike. Figures are
        //    medians of the rounds; ratios are medians of the per-round ratios.
        let rounds = max(1, seconds / 2)
        let slice = max(1, seconds / rounds)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var clock = CPUClock()
        var singles: [(RenderRate, Double)] = [], parallels: [(RenderRate, Double)] = []
        var uncachedRuns: [(WrkBenchmark.Result, Double)] = []
        for round in 0..<rounds {
            for turn in 0..<3 {
                _ = clock.lap()
                switch (round + turn) % 3 {
                case 0:
                    let rate = try renderRate(engine: engine, trace: trace, threads: 1, seconds: Double(slice),
                                              first: round * 8000)
                    singles.append((rate, clock.lap()))
                case 1:
                    let rate = try renderRate(engine: engine, trace: trace, threads: cores, seconds: Double(slice),
                                              first: round * 8000)
                    parallels.append((rate, clock.lap()))
                default:
                    let run = try WrkBenchmark.run(url: base, connections: 8, seconds: slice,
                                                   script: uncachedScript(traceFile: traceFile.path,
                                                                          first: round * 8000))
                    uncachedRuns.append((run, clock.lap()))
                }
            }
        }
        let single = RenderRate(median: singles.map(\.0)), parallel = RenderRate(median: parallels.map(\.0))
        let (singleRate, singleCores) = (single.rate, median(singles.map(\.1)))
        let (parallelRate, parallelCores) = (parallel.rate, median(parallels.map(\.1)))
        let uncached = Summary(uncachedRuns.map(\.0))
        let uncachedCores = median(uncachedRuns.map(\.1))
        let uncachedRatios = zip(uncachedRuns, singles).map { $0.0.requestsPerSecond / max(1e-9, $1.0.rate) }
        let uncachedPerCPURatios = zip(uncachedRuns, singles).map {
            ($0.0.requestsPerSecond / max(1e-9, $0.1)) / max(1e-9, $1.0.rate / max(1e-9, $1.1))
        }
        let scalingRatios = zip(parallels, singles).map {
            ($0.0.rate / max(1e-9, $0.1)) / max(1e-9, $1.0.rate / max(1e-9, $1.1))
        }

        let options = RenderOptions(width: 800, height: 600)
        let id = try app.maps.storeMap(trace: trace, options: options)
        let path = URLSigner(key: config.signingKey!).sign("/v1/maps/\(id).png",
                                                           expires: Int(Date().timeIntervalSince1970) + 86400)
        _ = try WrkBenchmark.run(url: base + path, connections: 1, threads: 1, seconds: 1)  // renders once, caches

        // The same cached GET with the fast path off: every hit goes through the worker pool.
        var poolConfig = config
        poolConfig.fastPath = false
        poolConfig.dataDirectory = scratch.appendingPathComponent("data-pool").path
        let poolApp = try TraceMapApplication(config: poolConfig, engine: engine, log: { _ in })
        try poolApp.server.start()
        defer { poolApp.server.shutdown(deadline: 5) }
        let poolBase = "http://127.0.0.1:\(poolApp.server.port)"
        _ = try poolApp.maps.storeMap(trace: trace, options: options)
        _ = try WrkBenchmark.run(url: poolBase + path, connections: 1, threads: 1, seconds: 1)

        // 3. nginx with the same bytes on disk.
        let root = scratch.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try engine.render(data: trace, options: options).data.write(to: root.appendingPathComponent("map.png"))
        let nginx = try NginxStaticServer(root: root.path)
        defer { nginx.stop() }

        // The three cached runs take turns in short rounds (order rotated each round), so a change in the shared
        // machine's load hits all three alike; each figure is the median of its rounds, and the ratio the median of
        // the per-round ratios.
        let urls = [base + path, "http://127.0.0.1:\(nginx.port)/map.png", poolBase + path]
        var results: [[WrkBenchmark.Result]] = [[], [], []]
        for round in 0..<rounds {
            for turn in 0..<3 {
                let which = (round + turn) % 3
                results[which].append(try WrkBenchmark.run(url: urls[which], connections: 64, seconds: slice))
            }
        }
        poolApp.server.shutdown(deadline: 5)
        let (cached, reference, cachedPool) = (Summary(results[0]), Summary(results[1]), Summary(results[2]))
        let ratios = zip(results[0], results[1]).map { $0.requestsPerSecond / max(1, $1.requestsPerSecond) }
        let poolRatios = zip(results[2], results[1]).map { $0.requestsPerSecond / max(1, $1.requestsPerSecond) }

        return [
            ("single_core_render_rps", singleRate, "req/s"),
            ("single_core_cpu", singleCores, "cores busy"),
            ("all_cores_render_rps", parallelRate, "req/s (\(cores) threads, in process, no HTTP)"),
            ("all_cores_cpu", parallelCores, "cores busy"),
            ("render_cpu_ms_1_thread", single.cpuMilliseconds, "ms CPU per render"),
            ("render_cpu_ms_\(cores)_threads", parallel.cpuMilliseconds, "ms CPU per render"),
            ("render_waits_1_thread", single.waits, "voluntary context switches per render"),
            ("render_waits_\(cores)_threads", parallel.waits, "voluntary context switches per render"),
            ("render_blocked_ms_1_thread", single.blockedMilliseconds,
             "ms blocked per render (not running, not queued)"),
            ("render_blocked_ms_\(cores)_threads", parallel.blockedMilliseconds,
             "ms blocked per render (not running, not queued)"),
            ("render_cpu_scaling", median(scalingRatios),
             "x (renders per busy core, \(cores) threads vs 1; 1.0 = no serialisation)"),
            ("uncached_rps", uncached.requestsPerSecond, "req/s"),
            ("uncached_cpu", uncachedCores, "cores busy (the server process)"),
            ("uncached_vs_single_core", median(uncachedRatios), "x (target ≥ 1.7; median of \(rounds) rounds)"),
            ("uncached_per_cpu_vs_single_core", median(uncachedPerCPURatios),
             "x (renders per busy core, HTTP vs in process)"),
            ("uncached_errors", Double(uncached.errors), "errors"),
            ("cached_rps", cached.requestsPerSecond, "req/s"),
            ("cached_p99_ms", cached.p99Milliseconds, "ms"),
            ("cached_errors", Double(cached.errors), "errors"),
            ("cached_pool_rps", cachedPool.requestsPerSecond, "req/s (fast path off)"),
            ("cached_pool_p99_ms", cachedPool.p99Milliseconds, "ms (fast path off)"),
            ("cached_pool_errors", Double(cachedPool.errors), "errors"),
            ("nginx_rps", reference.requestsPerSecond, "req/s"),
            ("nginx_p99_ms", reference.p99Milliseconds, "ms"),
            ("nginx_errors", Double(reference.errors), "errors"),
            ("cached_vs_nginx", median(ratios), "x (target ≥ 0.5; median of \(rounds) rounds)"),
            ("cached_vs_nginx_min", ratios.min() ?? .nan, "x (worst round)"),
            ("cached_vs_nginx_max", ratios.max() ?? .nan, "x (best round)"),
            ("cached_pool_vs_nginx", median(poolRatios), "x (fast path off; median of \(rounds) rounds)"),
        ]
    }

    /// The rounds of one server: median requests/s and p99, errors summed.
    struct Summary {
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var errors: Int

        init(_ rounds: [WrkBenchmark.Result]) {
            requestsPerSecond = median(rounds.map(\.requestsPerSecond))
            p99Milliseconds = median(rounds.map(\.p99Milliseconds))
            errors = rounds.reduce(0) { $0 + $1.errors }
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Cores this process kept busy between laps (user + system CPU time over wall time): on a shared machine it
    /// shows how much CPU a phase actually got, so its rate can be read fairly.
    struct CPUClock {
        private var cpu = CPUClock.cpuSeconds()
        private var wall = DispatchTime.now().uptimeNanoseconds

        mutating func lap() -> Double {
            let (nowCPU, nowWall) = (Self.cpuSeconds(), DispatchTime.now().uptimeNanoseconds)
            defer { (cpu, wall) = (nowCPU, nowWall) }
            return (nowCPU - cpu) / max(1e-9, Double(nowWall - wall) / 1e9)
        }

        static func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
    }

    /// What `renderRate` measured: renders per second of wall time, and per render the rendering threads' CPU
    /// milliseconds and voluntary context switches (blocking waits).
    struct RenderRate {
        var rate: Double
        var cpuMilliseconds: Double
        var waits: Double
        /// Milliseconds per render the rendering threads were neither running nor waiting for a core (the kernel's
        /// schedstat): time blocked on a lock or I/O. Unlike wall time it does not grow when the machine is busy.
        var blockedMilliseconds: Double

        init(rate: Double, cpuMilliseconds: Double, waits: Double, blockedMilliseconds: Double) {
            self.rate = rate
            self.cpuMilliseconds = cpuMilliseconds
            self.waits = waits
            self.blockedMilliseconds = blockedMilliseconds
        }

        /// Each figure's median over `rounds`.
        init(median rounds: [RenderRate]) {
            self.init(rate: BenchServe.median(rounds.map(\.rate)),
                      cpuMilliseconds: BenchServe.median(rounds.map(\.cpuMilliseconds)),
                      waits: BenchServe.median(rounds.map(\.waits)),
                      blockedMilliseconds: BenchServe.median(rounds.map(\.blockedMilliseconds)))
        }
    }

    /// Renders (parse, geocode, route, draw, encode) on `threads` threads for `seconds`.
    /// Sizes follow `uncachedSize` from `first`, as the uncached HTTP run of the same round does.
    static func renderRate(engine: TraceEngine, trace: Data, threads: Int, seconds: Double,
                           first: Int = 0) throws -> RenderRate {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let cpu = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
        cpu.initialize(repeating: 0)
        defer { cpu.deallocate() }
        let waits = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        waits.initialize(repeating: 0)
        defer { waits.deallocate() }
        let blocked = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
        blocked.initialize(repeating: 0)
        defer { blocked.deallocate() }
        let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: threads)
        failed.initialize(repeating: false)
        defer { failed.deallocate() }
        let start = DispatchTime.now().uptimeNanoseconds
        let end = start + UInt64(seconds * 1e9)
        nonisolated(unsafe) let (countsRef, failedRef, cpuRef, waitsRef, blockedRef) = (counts, failed, cpu, waits,
                                                                                       blocked)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            // Each thread writes only its own slot; concurrentPerform returns after every thread finished.
            let before = threadUsage()
            let scheduleBefore = threadSchedule()
            let wallBefore = DispatchTime.now().uptimeNanoseconds
            defer {
                let after = threadUsage()
                cpuRef[thread] = after.cpu - before.cpu
                waitsRef[thread] = after.waits - before.waits
                let scheduleAfter = threadSchedule()
                let wall = Double(DispatchTime.now().uptimeNanoseconds - wallBefore) / 1e9
                blockedRef[thread] = max(0, wall - (scheduleAfter.running - scheduleBefore.running)
                    - (scheduleAfter.waiting - scheduleBefore.waiting))
            }
            var n = first + thread
            while DispatchTime.now().uptimeNanoseconds < end {
                let (width, height) = uncachedSize(n)
                guard (try? engine.render(data: trace, options: RenderOptions(width: width, height: height))) != nil
                else { failedRef[thread] = true; return }
                countsRef[thread] += 1
                n += threads
            }
        }
        guard !failed.contains(true) else { throw CommandLineError.failure("the sample trace did not render") }
        let renders = Double(max(1, counts.reduce(0, +)))
        return RenderRate(rate: renders / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9),
                          cpuMilliseconds: cpu.reduce(0, +) * 1000 / renders,
                          waits: Double(waits.reduce(0, +)) / renders,
                          blockedMilliseconds: blocked.reduce(0, +) * 1000 / renders)
    }

    /// The calling thread's seconds on a core and waiting for one, from /proc/thread-self/schedstat.
    static func threadSchedule() -> (running: Double, waiting: Double) {
        guard let text = try? String(contentsOfFile: "/proc/thread-self/schedstat", encoding: .utf8) else {
            return (0, 0)
        }
        let fields = text.split(separator: " ")
            .compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count >= 2 else { return (0, 0) }
        return (fields[0] / 1e9, fields[1] / 1e9)
    }

    /// The calling thread's CPU seconds (user + system) and voluntary context switches so far.
    static func threadUsage() -> (cpu: Double, waits: Int) {
        var usage = rusage()
        getrusage(1, &usage)  // RUSAGE_THREAD (Linux ≥ 2.6.26); Glibc's module hides the GNU-only name
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_nvcsw)
    }

    /// The size of the `n`th uncached request: 40 000 distinct sizes around 800×600.
    static func uncachedSize(_ n: Int) -> (Int, Int) {
        (700 + n % 200, 500 + (n / 200) % 200)
    }

    /// A wrk script posting the trace with a new size per request (threads interleave their counters), starting at
    /// size number `first` (each round starts further on, so no round repeats a size another already cached).
    static func uncachedScript(traceFile: String, first: Int = 0) -> String {
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
          local n = \(first) + counter * 2 + (tonumber(tid) or 0)
          counter = counter + 1
          local w = 700 + n % 200
          local h = 500 + math.floor(n / 200) % 200
          return wrk.format(nil, "/v1/render?size=" .. w .. "x" .. h)
        end
        """
    }
}
