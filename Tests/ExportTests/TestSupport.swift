import Foundation
@testable import Export

/// A stand-in renderer for pipeline tests: reads `{"carrier", "number", "state", "delay_ms", "fail"}` and
/// "draws" images whose bytes are a deterministic function of the input and the format.
///
/// It lets the tests check what the pipeline does (names, manifest, ordering, resume, atomicity) without the
/// map stack; it counts its calls so tests can see which items were really rendered again.
final class FakeRenderer: SnapshotRenderer {
    struct Failure: ExportItemFailure {
        var code: String
        var message: String
    }

    let calls: Counter

    init(calls: Counter) {
        self.calls = calls
    }

    func snapshot(of trace: Data, formats: [SnapshotFormat]) throws -> Snapshot {
        calls.increment()
        guard let object = try? JSONSerialization.jsonObject(with: trace) as? [String: Any] else {
            throw Failure(code: "trace.invalid_json", message: "the trace is not a JSON object")
        }
        if let delay = object["delay_ms"] as? Int { usleep(UInt32(delay * 1000)) }
        if let code = object["fail"] as? String { throw Failure(code: code, message: "asked to fail") }
        // Kdniao shipments (from a push) name themselves with ShipperCode/LogisticCode.
        let carrier = (object["carrier"] ?? object["ShipperCode"]) as? String
        let number = (object["number"] ?? object["LogisticCode"]) as? String
        var images: [SnapshotFormat: Data] = [:]
        for format in formats {
            var bytes = Data("\(format.rawValue.uppercased()) image of ".utf8)
            bytes.append(trace)
            images[format] = bytes
        }
        return Snapshot(carrier: carrier, number: number, images: images,
                        state: object["state"] as? String ?? "in-transit", progress: 0.5,
                        currentPlace: object["place"] as? String)
    }
}

/// A thread-safe call counter.
final class Counter: @unchecked Sendable {
    // Safe: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// Raises a stop flag after a number of committed entries (a Ctrl-C in the middle of a run).
final class StopAfter: ExportObserver {
    let count: Int
    let flag: StopFlag
    private var seen = 0

    init(_ count: Int, flag: StopFlag) {
        self.count = count
        self.flag = flag
    }

    func committed(_ entry: ManifestEntry, summary: ExportSummary) {
        seen += 1
        if seen == count { flag.raise() }
    }

    func tick(summary: ExportSummary) {}
}

/// A fresh temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "export-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Every file under `sub` (recursively), with its bytes, keyed by relative path.
    func contents(_ sub: String) -> [String: Data] {
        let root = path + "/" + sub
        var result: [String: Data] = [:]
        let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        for name in names {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory),
               !isDirectory.boolValue
            {
                result[name] = FileManager.default.contents(atPath: root + "/" + name)
            }
        }
        return result
    }
}

/// Runs a pipeline with fake renderers and returns the summary and the calls made.
func runExport(_ input: ExportInput, out: String, formats: [SnapshotFormat] = [.png], jobs: Int = 2,
               resume: Bool = false, index: Bool = false, observer: (any ExportObserver)? = nil,
               stop: StopFlag = StopFlag(), limits: ExportLimits = ExportLimits()) throws
    -> (summary: ExportSummary, calls: Int)
{
    let calls = Counter()
    let configuration = ExportConfiguration(outputPath: out, formats: formats, jobs: jobs, resume: resume,
                                            durable: true, limits: limits, writeIndex: index)
    let pipeline = ExportPipeline(configuration: configuration, observer: observer, stop: stop) { _ in
        FakeRenderer(calls: calls)
    }
    let summary = try pipeline.run(input)
    return (summary, calls.value)
}

/// The manifest entries of an output folder.
func readManifest(_ folder: String) throws -> [ManifestEntry] {
    let text = try String(contentsOfFile: folder + "/manifest.jsonl", encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONDecoder().decode(ManifestEntry.self, from: Data($0.utf8)) }
}

/// A JSON Lines body of fake traces.
func jsonLines(_ objects: [[String: Any]]) -> String {
    objects.map { String(data: try! JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]),
                         encoding: .utf8)! }.joined(separator: "\n") + "\n"
}

/// A seedable `RandomNumberGenerator` over the pipeline's SplitMix64, for reproducible test data.
struct SeededRandom: RandomNumberGenerator {
    private var base: SplitMix64
    init(seed: UInt64) { base = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { base.next() }
}
