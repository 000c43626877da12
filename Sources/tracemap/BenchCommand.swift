import Foundation

/// `tracemap bench AREA [--json]`: runs one area's benchmark and prints its figures.
///
/// Each area lives in `Bench<Area>.swift` and returns (name, value, unit) figures; this type only dispatches and
/// prints one `name: value unit` line per figure, or one JSON object with `--json`.
enum BenchCommand: Subcommand {
    static let name = "bench"
    static let summary = "measure an area's speed and quality: tracemap bench geocode|render|export|serve|shipments|eta [--json]"
    static let usage = """
    usage: tracemap bench AREA [--json] [area options]

    areas:
      geocode   events_per_s, ready_ms, accuracy_prefecture, accuracy_finest (options: --geodata DIR, --eval DIR,
                --misses to list the evaluation events that missed)
      render    render_ms_median, layout_ms, draw_ms, encode_ms, png_bytes, svg_ms_median for the standard map
                (Shenzhen → Beijing sample, 800x600, PNG, default style) on one thread, plus the render thread's
                CPU time (options: --geodata DIR, --runs N (30), --trace FILE, --png-filter/-level/-strategy/
                -palette/-quantize to compare PNG encoder settings)
      export    items_per_s exporting 2,000 generated traces on all cores, single_thread_per_s and speedup (the
                same renderer on one thread, same run), peak_rss_mb (options: --items N (2000), --jobs N,
                --compare-rss: also 2,000 and 20,000 items in child processes, to show the peak stays flat)
      shipments pushes_per_s (signed Kuaidi100 pushes, one new shipment and one commit each, keep-alive),
                push_ms_median/p99, map_uncached_ms_median and map_cached_ms_median for GET …/map.png
                through the HTTP stack on loopback (options: --pushes N (2000), --maps N (40), --geodata DIR)
      eta       mae_hours, p90_error_hours, interval_coverage, day_hit_rate of delivery estimates on the real
                test traces, each beside the door-to-door baseline, then again with the history learned from
                the dev traces (history_…), and the dev split's figures (dev_…) (options: --geodata DIR,
                --real DIR)
      serve     cached_rps, cached_p99_ms (signed cached GET of a map, 64 connections), uncached_rps (every
                request renders), nginx_rps (nginx serving the same PNG), single_core_render_rps and the ratios;
                needs wrk and nginx-light (options: --geodata DIR, --seconds N (10 per run), --trace FILE)
    """

    /// The areas and their runners; each gets the words after AREA with `--json` removed.
    static let areas: [String: @Sendable (Bool, [String]) throws -> [(String, Double, String)]] = [
        "geocode": { json, words in try BenchGeocode.run(json: json, words: words) },
        "render": { json, words in try BenchRender.run(json: json, words: words) },
        "export": { json, words in try BenchExport.run(json: json, words: words) },
        "shipments": { json, words in try BenchShipments.run(json: json, words: words) },
        "serve": { json, words in try BenchServe.run(json: json, words: words) },
        "eta": { json, words in try BenchEta.run(json: json, words: words) },
    ]

    static func run(_ words: [String]) throws -> Int32 {
        guard let area = words.first, !area.hasPrefix("-") else { throw CommandLineError.usage("missing AREA") }
        guard let runner = areas[area] else { throw CommandLineError.usage("unknown area '\(area)'") }
        let rest = Array(words.dropFirst())
        let json = rest.contains("--json")
        let figures = try runner(json, rest.filter { $0 != "--json" })
        if json {
            let body = figures.map { "\"\($0.0)\":\(format($0.1))" }.joined(separator: ",")
            Standard.output("{\(body)}")
        } else {
            for (name, value, unit) in figures { Standard.output("\(name): \(format(value)) \(unit)") }
        }
        return 0
    }

    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return abs(v) < 10 ? String(format: "%.4f", v) : String(format: "%.1f", v)
    }
}
