import Arrival
import Foundation
import Geocoding
import Routing
import TraceMapService

/// `tracemap eta FILE|- [--at TIME] [--json]`: when a parcel will likely be delivered, with an 80% interval.
enum EtaCommand: Subcommand {
    static let name = "eta"
    static let summary = "estimate a trace's delivery time with an 80% interval (issue 14)"
    static let usage = """
    usage: tracemap eta FILE|- [--at TIME] [--json] [--data DIR] [--geodata DIR]
           tracemap eta learn [--data DIR] [--config FILE] [--geodata DIR]

    Reads a Kdniao, Kuaidi100 or native trace from FILE or stdin and estimates its delivery from the built-in
    priors (Sources/Arrival/DeliveryPriors.swift): likely, earliest and latest (the 10th–90th percentiles), in
    ISO 8601 with the destination's offset. --at TIME (ISO 8601 or "YYYY-MM-DD HH:MM[:SS]", China time without
    an offset) estimates as if it were that time, using only the events up to it; without it, as of now.
    No estimate when the destination is unknown or the parcel is delivered or going back.
    --json prints {"eta": {likely, earliest, latest, basis, sample_size} or null, "predicted_stops": [...]}.
    --data DIR also uses the delivery history the service learnt (DIR/shipments.sqlite): basis "history".
    learn rebuilds that history from every delivered shipment in the store (the service also adds each shipment
    the first time it is delivered) and prints how many it holds.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--at", "--data", "--config", GeodataOption.name], flags: ["--json"])
        if args.positionals.first == "learn" {
            _ = try args.requirePositionals(1, "learn")
            return try learn(args)
        }
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
        var history: DeliveryHistory?
        if let data = args.value("--data") {
            let path = ShipmentStore.defaultPath(dataDirectory: data)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandLineError.failure("no shipments store at \(path)")
            }
            history = DeliveryHistory(rows: try ShipmentStore(path: path).deliveryHistory())
        }
        let estimate = estimator.estimate(trace: trace, route: route, asOf: asOf, history: history)
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

    /// `eta learn`: the store's delivery history rebuilt from its delivered shipments.
    static func learn(_ args: Arguments) throws -> Int32 {
        var config: ServiceConfig
        do { config = try ServiceConfig.load(file: args.value("--config")) } catch {
            throw CommandLineError.failure(error.description)
        }
        if let data = args.value("--data") { config.dataDirectory = data }
        let path = ShipmentStore.defaultPath(dataDirectory: config.dataDirectory)
        guard FileManager.default.fileExists(atPath: path) else { throw CommandLineError.failure("no shipments store at \(path)") }
        let engine = try GeodataOption.loadEngine(args)
        let store = try ShipmentStore(path: path)
        let gate = LimitsGate(config: config, engine: engine)
        let learner = try DeliveryLearner(store: store, engine: engine)
        let count = try learner.relearn { try gate.geocodeFirst($0) }
        Standard.output("learnt \(count) delivered shipments of \(try store.count()); \(learner.history.rows.count) history rows")
        return 0
    }
}
