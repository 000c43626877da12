import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Gazetteer
import Geocoding

/// `tracemap bench geocode`: start-up time, throughput on one core and accuracy on the labelled evaluation set.
///
/// - `ready_ms`: loading `gazetteer.sqlite` and building the matcher and the geocoder, in CPU time of the loading
///   thread (median of 5); `ready_wall_ms` is the same in wall-clock time, which a busy machine inflates.
/// - `events_per_s`: events geocoded per CPU-second of one thread, parsed traces in, places out (text reading,
///   resolution, inheritance), over the evaluation set's traces repeated to at least 100,000 events (median of 3);
///   `events_per_s_wall` is the same per wall-clock second.
/// - `accuracy_prefecture` / `accuracy_finest` / `accuracy_next`: see `GeocodeEvaluation`.
enum BenchGeocode {
    static func run(json: Bool, words: [String] = []) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: [GeodataOption.name, "--eval"], flags: ["--misses"])
        var readies: [Double] = []
        var readyWalls: [Double] = []
        var geocoder: Geocoder?
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpu = threadCPUSeconds()
            let g = Geocoder(gazetteer: try GeodataOption.loadGazetteer(args))
            readies.append((threadCPUSeconds() - cpu) * 1000)
            readyWalls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
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
        var wallRates: [Double] = []
        var sink = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpu = threadCPUSeconds()
            for _ in 0..<rounds {
                for t in traces { sink &+= geocoder.geocode(t).events.count }
            }
            rates.append(Double(rounds * perRound) / (threadCPUSeconds() - cpu))
            wallRates.append(Double(rounds * perRound) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        precondition(sink > 0)
        return [
            ("events_per_s", median(rates), "events/s"),
            ("events_per_s_wall", median(wallRates), "events/s"),
            ("ready_ms", median(readies), "ms"),
            ("ready_wall_ms", median(readyWalls), "ms"),
            ("accuracy_prefecture", report.prefecture, "share"),
            ("accuracy_finest", report.finest, "share"),
            ("accuracy_next", report.next, "share"),
            ("eval_events", Double(report.events), "events"),
        ]
    }

    /// CPU time of the calling thread: the work of one core, whatever else the machine is doing.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
