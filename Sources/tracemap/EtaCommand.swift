import Arrival
import Foundation
import Geocoding
import Routing

/// `tracemap eta FILE|- [--at TIME] [--json]`: when a parcel will likely be delivered, with an 80% interval.
enum EtaCommand: Subcommand {
    static let name = "eta"
    static let summary = "estimate a trace's delivery time with an 80% interval (issue 14)"
    static let usage = """
    usage: tracemap eta FILE|- [--at TIME] [--json] [--geodata DIR]

    Reads a Kdniao, Kuaidi100 or native trace from FILE or stdin and estimates its delivery from the built-in
    priors (Sources/Arrival/DeliveryPriors.swift): likely, earliest and latest (the 10th–90th percentiles), in
    ISO 8601 with the destination's offset. --at TIME (ISO 8601 or "YYYY-MM-DD HH:MM[:SS]", China time without
    an offset) estimates as if it were that time, using only the events up to it; without it, as of now.
    No estimate when the destination is unknown or the parcel is delivered or going back.
    --json prints {"eta": {likely, earliest, latest, basis, sample_size} or null, "predicted_stops": [...]}.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--at", GeodataOption.name], flags: ["--json"])
        let input = try args.requirePositionals(1, "FILE or -")[0]
        var at: Date?
        if let text = args.value("--at") {
            guard let parsed = TraceTime.parse(text) else {
                throw CommandLineError.usage("--at '\(text)' is not a time: use ISO 8601 or YYYY-MM-DD HH:MM[:SS]")
            }
            at = parsed.date
        }
        let data = try Standard.readInput(input)
        let gazetteer = try GeodataOption.loadGazetteer(args)
        let geocoder = Geocoder(gazetteer: gazetteer)
        let full: GeocodedTrace
        do {
            guard let first = try geocoder.geocode(data: data).first else {
                throw TraceError(.badField, "the input holds no shipment")
            }
            full = first
        } catch let error as TraceError {
            throw CommandLineError.failure("\(input == "-" ? "stdin" : input): \(error)")
        }
        let asOf = at ?? Date()
        let trace = at.map { full.asOf($0) } ?? full
        let route = RouteBuilder.build(trace: trace, asOf: asOf)
        let estimator = DeliveryEstimator(prefectures: Prefectures(gazetteer: gazetteer))
        let estimate = estimator.estimate(trace: trace, route: route, asOf: asOf)
        if args.has("--json") {
            Standard.output(estimate.json)
        } else {
            Standard.output(describe(estimate, trace: trace))
        }
        return 0
    }

    /// The human-readable lines: the estimate, or why there is none.
    static func describe(_ estimate: DeliveryEstimate, trace: GeocodedTrace) -> String {
        var lines: [String] = []
        if let eta = estimate.eta {
            func time(_ d: Date) -> String { TraceTime.format(d, offset: eta.utcOffsetSeconds) }
            lines.append("likely: \(time(eta.likely))")
            lines.append("interval (80%): \(time(eta.earliest)) – \(time(eta.latest))")
            lines.append("basis: \(eta.basis.rawValue) (\(eta.sampleSize) past shipments)")
        } else if trace.events.isEmpty {
            lines.append("no estimate: no event by then")
        } else if trace.state == .delivered {
            lines.append("no estimate: delivered")
        } else if trace.state == .returning {
            lines.append("no estimate: going back to the sender")
        } else {
            lines.append("no estimate: the destination is unknown")
        }
        for stop in estimate.predictedStops {
            lines.append(String(format: "predicted stop: %@ (%.4f, %.4f)", stop.name, stop.coordinate.lat,
                                stop.coordinate.lon))
        }
        return lines.joined(separator: "\n")
    }
}
