import Cairo
import Dispatch
import Foundation
import Pipeline
import Geocoding
import MapRendering
import Routing

/// `tracemap bench render`: the standard map (the Shenzhen → Beijing sample, 800×600, PNG, `default` style)
/// rendered repeatedly on this thread.
///
/// - `render_ms_median`: layout, drawing and PNG encoding together (median of `--runs`, default 30), split into
///   `layout_ms`, `draw_ms` and `encode_ms` (each that phase's median);
/// - `png_bytes`: the size of that PNG;
/// - `svg_ms_median`: the same map as SVG.
/// Geocoding and route building happen once, before timing: they are the geocoder's and the router's benchmarks.
enum BenchRender {
    static let sampleName = "kdniao-query-sf-shenzhen-beijing.json"

    static func run(json: Bool, words: [String] = []) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: [GeodataOption.name, "--runs", "--trace", "--png-filter", "--png-level",
                                                  "--png-strategy", "--png-palette", "--png-quantize",
                                                  "--svg-runs"])
        let runs = Int(args.value("--runs") ?? "30") ?? 30
        guard runs > 0 else { throw CommandLineError.usage("--runs must be a positive number") }
        // --svg-runs 0 leaves SVG out (e.g. to profile PNG rendering alone under callgrind).
        let svgRuns = Int(args.value("--svg-runs") ?? "\(runs)") ?? -1
        guard svgRuns >= 0 else { throw CommandLineError.usage("--svg-runs must be a number ≥ 0") }
        let tracePath = args.value("--trace") ?? locateSample()
        guard let tracePath, let data = FileManager.default.contents(atPath: tracePath) else {
            throw CommandLineError.failure("sample trace not found (Tests/MapRenderingTests/Fixtures/\(sampleName)); pass --trace FILE")
        }
        // The scene the engine composes for every map (stop cities, context cities, the ETA as of the last event
        // so runs are repeatable), so the benchmark measures what is served.
        var renderer: MapRenderer
        do { renderer = try RenderCommand.makeRenderer(args) } catch let e as RenderError {
            throw CommandLineError.failure(e.description)
        }
        let engine = TraceEngine(gazetteer: try GeodataOption.loadGazetteer(args), renderer: renderer)
        renderer = engine.renderer
        let trace = try engine.geocode(data: data)[0]
        let scene = engine.sceneAsOfLastEvent(trace)
        renderer.pngEncoder = try encoder(args, base: renderer.pngEncoder)
        var totals: [Double] = [], layouts: [Double] = [], draws: [Double] = [], encodes: [Double] = []
        var svgs: [Double] = [], cpus: [Double] = [], drawCPUs: [Double] = [], encodeCPUs: [Double] = []
        var pngBytes = 0
        do {
            // One warm-up of each (fontconfig, glyph caches), then the timed runs.
            _ = try renderer.render(scene: scene, options: RenderOptions())
            if svgRuns > 0 { _ = try renderer.render(scene: scene, options: RenderOptions(format: .svg)) }
            for _ in 0..<runs {
                var timing = MapRenderer.Timing()
                let image = try renderer.render(scene: scene, options: RenderOptions(), timing: &timing)
                pngBytes = image.data.count
                totals.append(timing.totalMs)
                layouts.append(timing.layoutMs)
                draws.append(timing.drawMs)
                encodes.append(timing.encodeMs)
                cpus.append(timing.cpuMs)
                drawCPUs.append(timing.drawCPUMs)
                encodeCPUs.append(timing.encodeCPUMs)
            }
            for _ in 0..<svgRuns {
                var timing = MapRenderer.Timing()
                _ = try renderer.render(scene: scene, options: RenderOptions(format: .svg), timing: &timing)
                svgs.append(timing.totalMs)
            }
        } catch let e as RenderError {
            throw CommandLineError.failure(e.description)
        }
        return [
            ("render_ms_median", median(totals), "ms"),
            ("layout_ms", median(layouts), "ms"),
            ("draw_ms", median(draws), "ms"),
            ("encode_ms", median(encodes), "ms"),
            ("png_bytes", Double(pngBytes), "bytes"),
            ("svg_ms_median", median(svgs), "ms"),
            ("render_cpu_ms_median", median(cpus), "ms"),
            ("draw_cpu_ms", median(drawCPUs), "ms"),
            ("encode_cpu_ms", median(encodeCPUs), "ms"),
        ]
    }

    /// The encoder with the `--png-*` overrides, for comparing settings (README "Rendering" lists the results).
    static func encoder(_ args: Arguments, base: PNGEncoder) throws -> PNGEncoder {
        var e = base
        if let f = args.value("--png-filter") {
            let names: [String: PNGEncoder.Filter] = ["none": .none, "sub": .sub, "up": .up, "average": .average,
                                                      "paeth": .paeth, "adaptive": .adaptive]
            guard let filter = names[f] else { throw CommandLineError.usage("--png-filter: none|sub|up|average|paeth|adaptive") }
            e.filter = filter
            e.paletteFilter = filter
        }
        if let l = args.value("--png-level") {
            guard let level = Int(l), (0...9).contains(level) else { throw CommandLineError.usage("--png-level: 0…9") }
            e.compressionLevel = level
        }
        if let s = args.value("--png-strategy") {
            let names: [String: PNGEncoder.Strategy] = ["default": .standard, "filtered": .filtered, "rle": .runLength]
            guard let strategy = names[s] else { throw CommandLineError.usage("--png-strategy: default|filtered|rle") }
            e.strategy = strategy
        }
        if let p = args.value("--png-palette") {
            guard p == "on" || p == "off" else { throw CommandLineError.usage("--png-palette: on|off") }
            e.allowPalette = p == "on"
        }
        if let q = args.value("--png-quantize") {
            guard q == "on" || q == "off" else { throw CommandLineError.usage("--png-quantize: on|off") }
            e.quantize = q == "on"
        }
        return e
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The fixture, found from the executable's directory upwards, then from the current directory.
    static func locateSample() -> String? {
        let starts = [Bundle.main.executablePath ?? CommandLine.arguments[0], FileManager.default.currentDirectoryPath + "/x"]
        for start in starts {
            var dir = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Tests/MapRenderingTests/Fixtures/\(sampleName)").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
