import Dispatch
import Foundation
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
        let args = try Arguments(words, options: [GeodataOption.name, "--runs", "--trace"])
        let runs = Int(args.value("--runs") ?? "30") ?? 30
        guard runs > 0 else { throw CommandLineError.usage("--runs must be a positive number") }
        let tracePath = args.value("--trace") ?? locateSample()
        guard let tracePath, let data = FileManager.default.contents(atPath: tracePath) else {
            throw CommandLineError.failure("sample trace not found (Tests/MapRenderingTests/Fixtures/\(sampleName)); pass --trace FILE")
        }
        let trace = try Geocoder(gazetteer: try GeodataOption.loadGazetteer(args)).geocode(data: data)[0]
        let route = RouteBuilder.build(trace: trace)
        let scene = MapScene(route: route, trace: trace)
        let renderer: MapRenderer
        do { renderer = try RenderCommand.makeRenderer(args) } catch let e as RenderError {
            throw CommandLineError.failure(e.description)
        }
        var totals: [Double] = [], layouts: [Double] = [], draws: [Double] = [], encodes: [Double] = []
        var svgs: [Double] = []
        var pngBytes = 0
        do {
            // One warm-up of each (fontconfig, glyph caches), then the timed runs.
            _ = try renderer.render(scene: scene, options: RenderOptions())
            _ = try renderer.render(scene: scene, options: RenderOptions(format: .svg))
            for _ in 0..<runs {
                var timing = MapRenderer.Timing()
                let image = try renderer.render(scene: scene, options: RenderOptions(), timing: &timing)
                pngBytes = image.data.count
                totals.append(timing.totalMs)
                layouts.append(timing.layoutMs)
                draws.append(timing.drawMs)
                encodes.append(timing.encodeMs)
            }
            for _ in 0..<runs {
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
        ]
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
