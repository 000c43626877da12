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
/// - `accuracy_prefecture` / `accuracy_finest` / `accuracy_next`: see `GeocodeEvaluation`, on the hand-written
///   evaluation set (a regression set since issue 10).
/// - per labelled set (`eval`, `holdout`, `real_dev`, `real_test`): `<set>_accuracy_*`, `<set>_accuracy_abroad`
///   (labels outside mainland China), `<set>_catastrophic_rate` (share of labelled events placed more than 150 km
///   from their label), `<set>_right_at_confidence_0.8` and the reliability curve `<set>_reliability_<lo>_<hi>_*`.
/// - `catastrophic_rate`, `right_at_confidence_0.8`: the real-trace test split's, when present.
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
        let sets = try otherSets(besides: evalDir, explicit: args.value("--eval") != nil, geocoder, misses: args.has("--misses"))
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
        ] + figures("eval", report) + sets.flatMap { figures($0.name, $0.report) } + headline(sets, eval: report)
            + (try stress(geocoder, misses: args.has("--misses")))
    }

    /// The generated stress set (`StressSet`) and the namesake census: coverage, accuracy overall and on the
    /// traces about a namesake.
    static func stress(_ geocoder: Geocoder, misses: Bool) throws -> [(String, Double, String)] {
        let set = StressSet(gazetteer: geocoder.gazetteer)
        let all = try GeocodeEvaluation(cases: set.cases).evaluate(geocoder)
        let namesakes = try GeocodeEvaluation(cases: set.cases(tagged: "namesake")).evaluate(geocoder)
        if misses { for miss in all.misses { Standard.error("stress: \(miss)") } }
        return [
            ("stress_prefectures", Double(set.prefectures), "places"),
            ("stress_counties", Double(set.counties), "places"),
            ("stress_towns", Double(set.towns), "places"),
            ("stress_templates", Double(set.templates), "templates"),
            ("stress_traces", Double(set.cases.count), "traces"),
            ("stress_events", Double(all.events), "events"),
            ("stress_accuracy_prefecture", all.prefecture, "share"),
            ("stress_accuracy_county", all.finest, "share"),
            ("stress_accuracy_next", all.next, "share"),
            ("stress_catastrophic_rate", all.catastrophicRate, "share"),
            ("namesakes_foreign", Double(set.census.foreignNames.count), "names"),
            ("namesakes_across_provinces", Double(set.census.acrossProvinces.count), "names"),
            ("stress_namesake_events", Double(namesakes.events), "events"),
            ("stress_namesake_accuracy_prefecture", namesakes.prefecture, "share"),
            ("stress_namesake_accuracy_county", namesakes.finest, "share"),
        ]
    }

    /// The labelled sets beside the evaluation set (`Fixtures/holdout`, `Fixtures/real/dev`, `Fixtures/real/test`),
    /// each scored; none when `--eval` named a directory of its own.
    static func otherSets(besides evalDir: String, explicit: Bool, _ geocoder: Geocoder,
                          misses: Bool) throws -> [(name: String, report: GeocodeEvaluation.Report)]
    {
        if explicit { return [] }
        let fixtures = URL(fileURLWithPath: evalDir).deletingLastPathComponent().path
        var out: [(String, GeocodeEvaluation.Report)] = []
        for (name, sub) in [("holdout", "holdout"), ("real_dev", "real/dev"), ("real_test", "real/test")] {
            let dir = fixtures + "/" + sub
            guard FileManager.default.fileExists(atPath: dir) else { continue }
            do {
                let report = try GeocodeEvaluation(directory: dir).evaluate(geocoder)
                if misses { for miss in report.misses { Standard.error("\(name): \(miss)") } }
                out.append((name, report))
            } catch let error as TraceError {
                throw CommandLineError.failure("\(sub): \(error)")
            }
        }
        return out
    }

    /// A set's accuracy, abroad accuracy, catastrophic rate and calibration, keyed by the set's name.
    static func figures(_ name: String, _ r: GeocodeEvaluation.Report) -> [(String, Double, String)] {
        var out: [(String, Double, String)] = name == "eval" ? [] : [("\(name)_events", Double(r.events), "events")]
        out += [
            ("\(name)_accuracy_prefecture", r.prefecture, "share"),
            ("\(name)_accuracy_finest", r.finest, "share"),
            ("\(name)_accuracy_next", r.next, "share"),
            ("\(name)_abroad_events", Double(r.abroadEvents), "events"),
            ("\(name)_accuracy_abroad", r.abroad, "share"),
            ("\(name)_catastrophic_rate", r.catastrophicRate, "share"),
        ]
        let sure = r.precision(atConfidence: 0.8)
        out.append(("\(name)_right_at_confidence_0.8", sure.share, "share"))
        out.append(("\(name)_events_at_confidence_0.8", Double(sure.count), "events"))
        for band in r.reliability {
            let key = String(format: "%@_reliability_%.1f_%.1f", name, band.band.lowerBound, band.band.upperBound)
            out.append((key + "_right", band.right, "share"))
            out.append((key + "_events", Double(band.count), "events"))
        }
        return out
    }

    /// `catastrophic_rate` and `right_at_confidence_0.8`: on the real-trace test split when it is there (the figure
    /// the issue targets), else on the evaluation set.
    static func headline(_ sets: [(name: String, report: GeocodeEvaluation.Report)],
                         eval: GeocodeEvaluation.Report) -> [(String, Double, String)]
    {
        let r = sets.first { $0.name == "real_test" }?.report ?? eval
        return [("catastrophic_rate", r.catastrophicRate, "share"),
                ("right_at_confidence_0.8", r.precision(atConfidence: 0.8).share, "share")]
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
