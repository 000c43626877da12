import Foundation
import Geocoding
import Pipeline
import TraceMapService

/// `tracemap shipments list|show|delete`: inspects the shipments store the service writes.
enum ShipmentsCommand: Subcommand {
    static let name = "shipments"
    static let summary = "the shipments store: list, show CARRIER NUMBER, delete CARRIER NUMBER, import FILE…"
    static let usage = """
    usage: tracemap shipments list [--limit N] [--json] [--data DIR | --db FILE] [--config FILE]
           tracemap shipments show CARRIER NUMBER [--json] [--history] [--data DIR | --db FILE]
           tracemap shipments delete CARRIER NUMBER [--data DIR | --db FILE]
           tracemap shipments import FILE… [--data DIR] [--geodata DIR]

    The store is DIR/shipments.sqlite, DIR being --data, else the service's data directory (TRACEMAP_DATA_DIR,
    the config file's dataDirectory, else ./tracemap-data);
    --db names the file directly. CARRIER is a canonical id (sf, yto, ems…), a Kdniao ShipperCode or a
    Kuaidi100 com code. Exit 1 when the shipment does not exist or the store cannot be opened.
    import stores each file's one shipment as PUT /v1/shipments would (same limits, same newer-wins rule), its
    carrier and number read from the trace (ShipperCode/LogisticCode, com/nu, carrier/number); it prints one line
    per file and exits 1 if any file failed.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--limit", "--data", "--db", "--config", GeodataOption.name],
                                 flags: ["--json", "--history"])
        guard let action = args.positionals.first else { throw CommandLineError.usage("missing action") }
        var config: ServiceConfig
        do { config = try ServiceConfig.load(file: args.value("--config")) } catch {
            throw CommandLineError.failure(error.description)
        }
        if action == "import" {
            if let data = args.value("--data") { config.dataDirectory = data }
            return try importFiles(Array(args.positionals.dropFirst()), config: config, engine: { try GeodataOption.loadEngine(args) })
        }
        let path = args.value("--db") ?? ShipmentStore.defaultPath(dataDirectory: args.value("--data")
            ?? config.dataDirectory)
        guard action == "list" || FileManager.default.fileExists(atPath: path) else {
            throw CommandLineError.failure("no shipments store at \(path)")
        }
        let store = try ShipmentStore(path: path)
        switch action {
        case "list":
            _ = try args.requirePositionals(1, "")
            let limit = try args.value("--limit").map { value -> Int in
                guard let n = Int(value), n > 0 else { throw CommandLineError.usage("--limit takes a positive number") }
                return n
            } ?? 100
            let records = try store.list(limit: limit)
            if args.has("--json") {
                Standard.output(try jsonLines(records.map(summary)))
            } else {
                for r in records {
                    Standard.output("\(r.key.carrier.id)\t\(r.key.number)\tv\(r.version)\t\(r.state)\t"
                        + "\(iso(r.updatedAt))\t\(r.subscription ?? "-")")
                }
                Standard.error("\(records.count) of \(try store.count()) shipments")
            }
        case "show", "delete":
            let words = try args.requirePositionals(3, "CARRIER NUMBER")
            let key = try ShipmentKey(carrier: try Carrier.named(words[1]), number: words[2])
            if action == "delete" {
                guard try store.delete(key) else { throw CommandLineError.failure("no shipment \(key)") }
                Standard.output("deleted \(key)")
                return 0
            }
            guard let record = try store.get(key) else { throw CommandLineError.failure("no shipment \(key)") }
            var object = summary(record)
            object["trace"] = (try? JSONSerialization.jsonObject(with: record.trace)) ?? NSNull()
            if args.has("--history") {
                object["history"] = try store.history(key).map {
                    ["received_at": iso($0.receivedAt), "source": $0.source, "outcome": $0.outcome,
                     "version": $0.version, "bytes": $0.bytes] as [String: Any]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys,
                                                                                      .withoutEscapingSlashes])
            Standard.output(String(decoding: data, as: UTF8.self))
        default:
            throw CommandLineError.usage("unknown action '\(action)'")
        }
        return 0
    }

    static func summary(_ r: ShipmentRecord) -> [String: Any] {
        ["carrier": r.key.carrier.id, "number": r.key.number, "version": r.version, "state": r.state,
         "updated_at": iso(r.updatedAt), "latest_event_at": r.latestEventAt.map(iso) ?? NSNull(),
         "subscription": r.subscription ?? NSNull()]
    }

    static func jsonLines(_ objects: [[String: Any]]) throws -> String {
        try objects.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n")
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return f.string(from: date)
    }

    /// `import FILE…`: each file's shipment into the store, through the service's own shipment code.
    static func importFiles(_ files: [String], config: ServiceConfig, engine load: () throws -> TraceEngine) throws -> Int32 {
        guard !files.isEmpty else { throw CommandLineError.usage("import needs at least one FILE") }
        let engine = try load()
        let app: TraceMapApplication
        do { app = try TraceMapApplication(config: config, engine: engine) } catch {
            throw CommandLineError.failure("data directory \(config.dataDirectory): \(error)")
        }
        var failed = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Standard.error("\(file): cannot read it")
                failed += 1
                continue
            }
            do {
                let (key, outcome) = try app.shipments.importTrace(data)
                Standard.output("\(file): \(key.carrier.id) \(key.number) \(outcome.word) (version \(outcome.version))")
            } catch {
                Standard.error("\(file): \(error)")
                failed += 1
            }
        }
        return failed == 0 ? 0 : 1
    }
}
