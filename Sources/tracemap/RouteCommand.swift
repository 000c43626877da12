import Foundation
import Geo
import Geocoding
import MapRendering
import Pipeline

/// `tracemap route FILE|- --geojson`: a trace's route as GeoJSON for clients that draw their own map.
enum RouteCommand: Subcommand {
    static let name = "route"
    static let summary = "print a trace's route as GeoJSON (WGS-84, GCJ-02 for Amap/Tencent/WeChat, BD-09 for Baidu)"
    static let usage = """
    usage: tracemap route FILE|- --geojson [--datum wgs84|gcj02|bd09] [--style default] [--geodata DIR]

    Reads a Kdniao, Kuaidi100 or native trace from FILE or stdin, builds its route and prints a GeoJSON
    FeatureCollection: the travelled and remaining lines, the stops and the current position, with simplestyle
    colours from the style and a top-level "datum". wgs84 (the default) is RFC 7946; gcj02 and bd09 convert the
    points inside mainland China only, as those platforms expect. A push holding several shipments prints the first.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--datum", "--style", GeodataOption.name], flags: ["--geojson"])
        let input = try args.requirePositionals(1, "FILE or -")[0]
        guard args.has("--geojson") else { throw CommandLineError.usage("missing --geojson (the only output so far)") }
        let datumName = args.value("--datum") ?? "wgs84"
        guard let datum = Datum(rawValue: datumName) else {
            throw CommandLineError.usage("unknown datum '\(datumName)': use wgs84, gcj02 or bd09")
        }
        let data = try Standard.readInput(input)
        let engine = try GeodataOption.loadEngine(args)
        do {
            let trace = try engine.geocodeFirst(data: data)
            var out = try engine.routeGeoJSON(trace, datum: datum, styleName: args.value("--style") ?? "default")
            out.append(0x0A)
            Standard.outputData(out)
            return 0
        } catch let error as TraceError {
            throw CommandLineError.failure("\(input == "-" ? "stdin" : input): \(error)")
        } catch let error as RenderError {
            throw CommandLineError.failure(error.description)
        }
    }
}
