/// `tracemap bench AREA [--json]`: runs one area's benchmark and prints its figures.
///
/// Each area lives in `Bench<Area>.swift` and prints one `name: value unit` line per figure, or one JSON object
/// with `--json`. Words after the area other than `--json` go to the area (e.g. `--items 20000`).
enum BenchCommand: Subcommand {
    static let name = "bench"
    static let summary = "measure an area's speed: " + areas.map(\.name).joined(separator: ", ")
    static let usage = """
    usage: tracemap bench AREA [--json] [area options]

    areas:
      export   exports generated traces on all cores; items_per_s, the single-thread rate, peak_rss_mb
               (options: --items N, default 2000; --jobs N; --compare-rss: also run 2,000 and 20,000 items in
               child processes and report both peaks)
    """

    typealias Runner = @Sendable (_ json: Bool, _ words: [String]) throws -> Int32
    static let areas: [(name: String, run: Runner)] = [
        ("export", BenchExport.run),
    ]

    static func run(_ words: [String]) throws -> Int32 {
        guard let area = words.first, !area.hasPrefix("-") else { throw CommandLineError.usage("missing AREA") }
        guard let runner = areas.first(where: { $0.name == area })?.run else {
            throw CommandLineError.usage("unknown area '\(area)'")
        }
        let rest = words.dropFirst()
        return try runner(rest.contains("--json"), rest.filter { $0 != "--json" })
    }
}
