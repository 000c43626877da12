import Foundation
import Gazetteer
import Geo

/// A geocoding stress set generated from the gazetteer itself (issue 10, "Measuring 2").
///
/// Every Chinese prefecture-level unit, a deterministic sample of counties and towns (names shared across provinces
/// or with a foreign city first), written into carrier-style event templates (`StressTemplate`) and strung into
/// traces between plausible stops: pick-up, the origin hub, a departure naming the next hub, a truck position on
/// the way, the destination hub, the delivery station, the courier and the signature. Labels follow the evaluation
/// set's rules: `at` is the prefecture seat with the prefecture's radius (its farthest county seat plus 10 km),
/// `finest` the county with the county's radius (its farthest town plus 5 km, 10–50 km), `next` the named next stop.
/// The same seed gives the same set.
public struct StressSet: Sendable {
    /// The generated traces, in `GeocodeEvaluation`'s shape; tag `namesake` marks traces about a shared name.
    public let cases: [GeocodeEvaluation.Case]
    /// Distinct prefecture-level units, counties and towns the events name.
    public let prefectures: Int
    public let counties: Int
    public let towns: Int
    /// Distinct templates used.
    public let templates: Int
    /// The gazetteer's namesakes, counted.
    public let census: NamesakeCensus

    /// Generates the set.
    /// - Parameters:
    ///   - towns: how many towns to sample (at least this many distinct towns are named, if the gazetteer has them).
    ///   - extraCounties: counties named without a town, on top of the towns' counties.
    public init(gazetteer g: Gazetteer, seed: UInt64 = 20_261_203, towns townCount: Int = 2_400,
                extraCounties: Int = 600) {
        var rng = SplitMix64(seed: seed)
        let census = NamesakeCensus(gazetteer: g)
        let geography = StressGeography(gazetteer: g)

        // Stops: one per prefecture, then towns (namesakes first), then counties without a town.
        var stops: [StressStop] = geography.prefectures.map { p in
            let counties = geography.counties(of: p)
            if counties.isEmpty { return StressStop(prefecture: p, county: nil, town: nil) }
            return StressStop(prefecture: p, county: counties[rng.below(counties.count)], town: nil)
        }
        var shared = geography.towns.filter { census.isNamesake(g[$0].name) }
        var plain = geography.towns.filter { !census.isNamesake(g[$0].name) }
        rng.shuffle(&shared)
        rng.shuffle(&plain)
        let pickedTowns = Array(shared.prefix(townCount / 2)) + Array(plain.prefix(townCount - min(shared.count, townCount / 2)))
        for t in pickedTowns {
            guard let stop = geography.stop(town: t) else { continue }
            stops.append(stop)
        }
        var counties = geography.allCounties.filter { c in !stops.contains { $0.county == c } }
        rng.shuffle(&counties)
        let sharedCounties = counties.filter { census.isNamesake(g[$0].name) }
        let plainCounties = counties.filter { !census.isNamesake(g[$0].name) }
        for c in Array(sharedCounties.prefix(extraCounties / 2)) + Array(plainCounties.prefix(extraCounties / 2)) {
            guard let p = geography.prefecture(of: c) else { continue }
            stops.append(StressStop(prefecture: p, county: c, town: nil))
        }
        rng.shuffle(&stops)
        if stops.count % 2 == 1 { stops.append(stops[0]) }

        var cases: [GeocodeEvaluation.Case] = []
        var usedTemplates = Set<String>()
        let writer = StressTraceWriter(gazetteer: g, geography: geography)
        for pair in stride(from: 0, to: stops.count, by: 2) {
            let (origin, destination) = (stops[pair], stops[pair + 1])
            let trace = writer.trace(id: "stress-\(pair / 2)", from: origin, to: destination, rng: &rng)
            usedTemplates.formUnion(trace.templates)
            let namesake = [origin, destination].contains { s in
                [s.town, s.county].compactMap { $0 }.contains { census.isNamesake(g[$0].name) }
            }
            cases.append(GeocodeEvaluation.Case(id: trace.id, file: "stress", input: trace.input, labels: trace.labels,
                                                tags: namesake ? ["namesake"] : []))
        }
        self.cases = cases
        self.prefectures = Set(stops.map(\.prefecture)).count
        self.counties = Set(stops.compactMap(\.county)).count
        self.towns = Set(stops.compactMap(\.town)).count
        self.templates = usedTemplates.count
        self.census = census
    }

    /// The cases tagged `tag`.
    public func cases(tagged tag: String) -> [GeocodeEvaluation.Case] { cases.filter { $0.tags.contains(tag) } }
}

/// A deterministic 64-bit generator (SplitMix64, Steele et al. 2014), so a seed gives the same stress set everywhere.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n`.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next() % UInt64(n))
    }

    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, below(i + 1)) }
    }

    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}
