import Foundation
import Gazetteer
import Geocoding

/// `tracemap places QUERY`: lists gazetteer matches for a name, best first.
enum PlacesCommand: Subcommand {
    static let name = "places"
    static let summary = "list gazetteer places matching a name (exact, then prefix, then contains)"
    static let usage = """
    usage: tracemap places QUERY [--json] [--limit N] [--geodata DIR]

    Exact names and aliases of every kind come first (full, short, old, pinyin, English, Chinese, IATA/ICAO),
    then names that start with QUERY, then names that contain it; Latin is case-insensitive. Within each group:
    level (country, province, city, foreign city, county, region, airport, town), then name weight, then population.

      --json          a JSON array of {name, level, code, country, lat, lon, parents}; parents are the names of
                      the enclosing places from the nearest up to the country
      --limit N       at most N places (default 20)
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--limit", GeodataOption.name], flags: ["--json"])
        let query = try args.requirePositionals(1, "QUERY")[0]
        var limit = 20
        if let text = args.value("--limit") {
            guard let n = Int(text), n > 0 else { throw CommandLineError.usage("--limit must be a positive integer") }
            limit = n
        }
        let gazetteer = try GeodataOption.loadGazetteer(args)
        if args.has("--json") {
            let places = PlaceListing.search(gazetteer, query, limit: limit)
            let data = try JSONSerialization.data(withJSONObject: places, options: [.sortedKeys, .withoutEscapingSlashes])
            Standard.output(String(decoding: data, as: UTF8.self))
        } else {
            let hits = gazetteer.search(query, limit: limit)
            if hits.isEmpty {
                Standard.error("no places match '\(query)'")
                return 1
            }
            var rows = [["name", "level", "code", "country", "lat", "lon", "parents"]]
            for hit in hits {
                let p = gazetteer[hit.index]
                let parents = gazetteer.ancestors(of: hit.index).map { gazetteer[$0].name }.joined(separator: " < ")
                rows.append([p.name + (p.nameEn.map { " (\($0))" } ?? ""), p.level.rawValue, p.code ?? "-", p.country,
                             String(format: "%.4f", p.coordinate.lat), String(format: "%.4f", p.coordinate.lon),
                             parents])
            }
            Standard.output(table(rows))
        }
        return 0
    }

    /// Left-aligned columns, widths counting CJK characters as two cells.
    static func table(_ rows: [[String]]) -> String {
        func width(_ s: String) -> Int {
            s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.properties.isIdeographic || $1.value >= 0x3000) ? 2 : 1) }
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
