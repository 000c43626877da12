import Foundation
import Gazetteer
import Geocoding

/// `tracemap geocode FILE|-`: prints a trace's events with their places as JSON (the geocode contract).
enum GeocodeCommand: Subcommand {
    static let name = "geocode"
    static let summary = "locate every event of a trace (Kdniao, Kuaidi100 or native JSON) and print JSON"
    static let usage = """
    usage: tracemap geocode FILE|- [--geodata DIR] [--explain]

    Reads a Kdniao query/push, a Kuaidi100 query/push or a native trace (format detected) from FILE or stdin and
    prints {"events":[{"index","time","text","place","next"}],"origin","destination","state"}. A push that holds
    several shipments prints a JSON array of such objects. Bad input prints its error code and exits 1.
    --explain prints instead, for each event, the names found, the candidate places with their text score and
    the score of the best whole-trace sequence through them, the place chosen and why it won.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: [GeodataOption.name], flags: ["--explain"])
        let path = try args.requirePositionals(1, "FILE or -")[0]
        let data = try Standard.readInput(path)
        let geocoder = Geocoder(gazetteer: try GeodataOption.loadGazetteer(args))
        let traces: [GeocodedTrace]
        do {
            if args.has("--explain") {
                let parsed = try geocoder.parser.parse(data)
                var out = ""
                for (n, trace) in parsed.enumerated() {
                    if parsed.count > 1 { out += "== shipment \(n + 1): \(trace.carrier ?? "-") \(trace.number ?? "-")\n" }
                    out += geocoder.explain(trace).text
                }
                Standard.outputData(Data(out.utf8))
                return 0
            }
            traces = try geocoder.geocode(data: data)
        } catch let error as TraceError {
            throw CommandLineError.failure("\(path == "-" ? "stdin" : path): \(error)")
        }
        var out = traces.count == 1 ? GeocodeJSON.encode(traces[0]) : GeocodeJSON.encode(traces)
        out.append(0x0A)
        Standard.outputData(out)
        return 0
    }
}
