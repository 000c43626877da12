import Dispatch
import Foundation
import Gazetteer
import Geocoding

/// `tracemap bench geocode`: start-up time, throughput on one core and accuracy on the labelled evaluation set.
///
/// - `ready_ms`: loading `gazetteer.sqlite` and building the matcher and the geocoder (median of 5).
/// - `events_per_s`: events geocoded per second on one thread, parsed traces in, places out (text reading,
///   resolution, inheritance), over the evaluation set's traces repeated to at least 100,000 events (median of 3).
/// - `accuracy_prefecture` / `accuracy_finest` / `accuracy_next`: see `GeocodeEvaluation`.
enum BenchGeocode {
    static func run(json: Bool, words: [String] = []) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: [GeodataOption.name, "--eval"], flags: ["--misses"])
        var readies: [Double] = []
        var geocoder: Geocoder?
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let g = Geocoder(gazetteer: try GeodataOption.loadGazetteer(args))
            readies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            geocoder = g
        }
        guard let geocoder else { throw CommandLineError.failure("no geocoder") }
        let evalDir = args.value("--eval")
            ?? GeocodeEvaluation.locate(from: Bundle.main.executablePath ?? CommandLine.arguments[0])
            ?? GeocodeEvaluation.locate(from: FileManager.default.currentDirectoryPath)
        guard let evalDir else {
            throw CommandLineError.failure("evaluation set not found (Tests/GeocodingTests/Fixtures/eval); pass --eval DIR")
        }
        let evaluation: GeocodeEvaluation
        let report: GeocodeEvaluation.Report
        let traces: [Trace]
        do {
            evaluation = try GeocodeEvaluation(directory: evalDir)
            report = try evaluation.evaluate(geocoder)
            traces = try evaluation.traces(parser: geocoder.parser)
        } catch let error as TraceError {
            throw CommandLineError.failure("evaluation set: \(error)")
        }
        if args.has("--misses") { for miss in report.misses { Standard.error(miss.description) } }
        let perRound = traces.reduce(0) { $0 + $1.events.count }
        guard perRound > 0 else { throw CommandLineError.failure("the evaluation set has no events") }
        let rounds = max(1, 100_000 / perRound)
        var rates: [Double] = []
        var sink = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                for t in traces { sink &+= geocoder.geocode(t).events.count }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rates.append(Double(rounds * perRound) / seconds)
        }
        precondition(sink > 0)
        return [
            ("events_per_s", median(rates), "events/s"),
            ("ready_ms", median(readies), "ms"),
            ("accuracy_prefecture", report.prefecture, "share"),
            ("accuracy_finest", report.finest, "share"),
            ("accuracy_next", report.next, "share"),
            ("eval_events", Double(report.events), "events"),
        ]
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
