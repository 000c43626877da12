import Foundation
import Geo

/// Measures geocoding against the labelled evaluation set (`Tests/GeocodingTests/Fixtures/eval/*.json`).
///
/// Each file holds `{carrier, style, traces: [{id, format, input, labels: [{index, at, finest?, next?}]}]}`, where
/// `at` is the prefecture-level truth (`{name, lat, lon, radius_km}`, or null when nothing can tell), `finest` the
/// finest place the text supports and `next` the named next stop. An event counts as right at prefecture level
/// when its place lies within `at`'s radius (or is null when `at` is null); at the finest level when it lies
/// within the radius of `finest`, or of `at` when the label has no finer truth.
public struct GeocodeEvaluation: Sendable {
    /// One labelled point.
    public struct Truth: Sendable {
        public let name: String
        public let coordinate: Coordinate
        public let radiusKm: Double

        public init(name: String, coordinate: Coordinate, radiusKm: Double) {
            self.name = name
            self.coordinate = coordinate
            self.radiusKm = radiusKm
        }
    }

    public struct Label: Sendable {
        public let index: Int
        public let at: Truth?
        public let finest: Truth?
        public let next: Truth?

        public init(index: Int, at: Truth?, finest: Truth? = nil, next: Truth? = nil) {
            self.index = index
            self.at = at
            self.finest = finest
            self.next = next
        }
    }

    /// One labelled trace; `tags` group cases for separate figures (the stress set's `namesake`).
    public struct Case: Sendable {
        public let id: String
        public let file: String
        public let input: Data
        public let labels: [Label]
        public let tags: Set<String>

        public init(id: String, file: String, input: Data, labels: [Label], tags: Set<String> = []) {
            self.id = id
            self.file = file
            self.input = input
            self.labels = labels
            self.tags = tags
        }
    }

    /// One event that missed, for reports.
    public struct Miss: Sendable, CustomStringConvertible {
        public let caseID: String
        public let index: Int
        public let what: String
        public let text: String
        public let expected: String
        public let got: String

        public var description: String { "\(caseID)#\(index) \(what): expected \(expected), got \(got) — \(text)" }
    }

    public struct Report: Sendable {
        public var events = 0
        public var prefectureHits = 0
        public var finestHits = 0
        public var nextLabels = 0
        public var nextHits = 0
        public var misses: [Miss] = []
        /// Events whose `at` truth lies outside mainland China, and how many of them were right.
        public var abroadEvents = 0
        public var abroadHits = 0
        /// Events with an `at` truth, and how many of them were placed more than `catastrophicKm` from it.
        public var locatedLabels = 0
        public var catastrophes = 0
        /// Every placed event with an `at` truth: its confidence and whether it was right at prefecture level.
        public var scored: [(confidence: Double, right: Bool)] = []

        public var prefecture: Double { events == 0 ? 0 : Double(prefectureHits) / Double(events) }
        public var abroad: Double { abroadEvents == 0 ? 0 : Double(abroadHits) / Double(abroadEvents) }
        /// The share of labelled events placed more than 150 km from their label (issue 10's `catastrophic_rate`).
        public var catastrophicRate: Double { locatedLabels == 0 ? 0 : Double(catastrophes) / Double(locatedLabels) }

        /// Among events with at least this confidence, the share that is right and how many there are.
        public func precision(atConfidence threshold: Double) -> (share: Double, count: Int) {
            let sure = scored.filter { $0.confidence >= threshold }
            return (sure.isEmpty ? 0 : Double(sure.filter(\.right).count) / Double(sure.count), sure.count)
        }

        /// The reliability curve: per confidence band, the events in it and the share right.
        public var reliability: [(band: ClosedRange<Double>, count: Int, right: Double)] {
            Self.bands.map { band in
                let inBand = scored.filter { band.contains($0.confidence) && ($0.confidence < band.upperBound || band.upperBound == 1) }
                let right = inBand.isEmpty ? 0 : Double(inBand.filter(\.right).count) / Double(inBand.count)
                return (band, inBand.count, right)
            }
        }

        static let bands: [ClosedRange<Double>] = [0...0.5, 0.5...0.6, 0.6...0.7, 0.7...0.8, 0.8...0.9, 0.9...1]

        /// Adds another report's counts (sets reported together).
        public mutating func add(_ o: Report) {
            events += o.events; prefectureHits += o.prefectureHits; finestHits += o.finestHits
            nextLabels += o.nextLabels; nextHits += o.nextHits; misses += o.misses
            abroadEvents += o.abroadEvents; abroadHits += o.abroadHits
            locatedLabels += o.locatedLabels; catastrophes += o.catastrophes; scored += o.scored
        }
        public var finest: Double { events == 0 ? 0 : Double(finestHits) / Double(events) }
        public var next: Double { nextLabels == 0 ? 0 : Double(nextHits) / Double(nextLabels) }
    }

    public let cases: [Case]

    /// A place farther than this (km) from its label, and outside the label's circle, is a catastrophe, not a
    /// near miss (a prefecture as large as 海西's has a radius beyond 150 km).
    public static let catastrophicKm = 150.0

    /// An evaluation over cases made elsewhere (the generated stress set).
    public init(cases: [Case]) { self.cases = cases }

    /// Reads every `*.json` in `directory`.
    /// - Throws: an error naming the file when one does not parse or lacks the fields above.
    public init(directory: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var cases: [Case] = []
        for file in files {
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path),
                  let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let traces = doc["traces"] as? [[String: Any]]
            else { throw TraceError(.unknownFormat, "\(path): not an evaluation file") }
            for t in traces {
                guard let id = t["id"] as? String, let input = t["input"], let labels = t["labels"] as? [[String: Any]]
                else { throw TraceError(.unknownFormat, "\(path): a trace lacks id, input or labels") }
                let inputData = try JSONSerialization.data(withJSONObject: input)
                cases.append(Case(id: id, file: file, input: inputData, labels: labels.compactMap(Self.label)))
            }
        }
        self.cases = cases
    }

    static func truth(_ v: Any?) -> Truth? {
        guard let o = v as? [String: Any], let lat = (o["lat"] as? NSNumber)?.doubleValue,
              let lon = (o["lon"] as? NSNumber)?.doubleValue, let r = (o["radius_km"] as? NSNumber)?.doubleValue
        else { return nil }
        return Truth(name: o["name"] as? String ?? "?", coordinate: Coordinate(lat: lat, lon: lon), radiusKm: r)
    }

    static func label(_ o: [String: Any]) -> Label? {
        guard let index = (o["index"] as? NSNumber)?.intValue else { return nil }
        return Label(index: index, at: truth(o["at"]), finest: truth(o["finest"]), next: truth(o["next"]))
    }

    /// The parsed traces of every case (the first shipment of each input).
    public func traces(parser: TraceParser) throws -> [Trace] {
        try cases.map { c in
            guard let t = try parser.parse(c.input).first else { throw TraceError(.unknownFormat, "\(c.id): no trace") }
            return t
        }
    }

    /// Geocodes every case and scores it.
    public func evaluate(_ geocoder: Geocoder) throws -> Report {
        var report = Report()
        for c in cases {
            guard let trace = try geocoder.geocode(data: c.input).first else { continue }
            var byIndex: [Int: GeocodedEvent] = [:]
            for e in trace.events { byIndex[e.index] = e }
            for label in c.labels {
                guard let event = byIndex[label.index] else { continue }
                report.events += 1
                func describe(_ p: LocatedPlace?) -> String {
                    guard let p else { return "null" }
                    return "\(p.name) (\(p.level.rawValue), \(p.source.rawValue))"
                }
                func hit(_ truth: Truth?, _ p: LocatedPlace?) -> Bool {
                    guard let truth else { return p == nil }
                    guard let p else { return false }
                    return p.coordinate.kilometres(to: truth.coordinate) <= truth.radiusKm
                }
                let right = hit(label.at, event.place)
                if let at = label.at {
                    report.locatedLabels += 1
                    if let p = event.place {
                        if p.coordinate.kilometres(to: at.coordinate) > max(Self.catastrophicKm, at.radiusKm) { report.catastrophes += 1 }
                        report.scored.append((p.confidence, right))
                    }
                    if !MainlandChina.contains(at.coordinate) {
                        report.abroadEvents += 1
                        if right { report.abroadHits += 1 }
                    }
                }
                if right {
                    report.prefectureHits += 1
                } else {
                    report.misses.append(Miss(caseID: c.id, index: label.index, what: "at", text: event.text,
                                              expected: label.at?.name ?? "null", got: describe(event.place)))
                }
                let fine = label.finest ?? label.at
                if hit(fine, event.place) {
                    report.finestHits += 1
                } else if label.finest != nil {
                    report.misses.append(Miss(caseID: c.id, index: label.index, what: "finest", text: event.text,
                                              expected: fine?.name ?? "null", got: describe(event.place)))
                }
                if let next = label.next {
                    report.nextLabels += 1
                    if hit(next, event.next) {
                        report.nextHits += 1
                    } else {
                        report.misses.append(Miss(caseID: c.id, index: label.index, what: "next", text: event.text,
                                                  expected: next.name, got: describe(event.next)))
                    }
                }
            }
        }
        return report
    }

    /// Where the evaluation set lives: walking up from `start` to a directory holding
    /// `Tests/GeocodingTests/Fixtures/eval`.
    public static func locate(from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).resolvingSymlinksInPath()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Tests/GeocodingTests/Fixtures/eval").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }
}
