import Foundation
import Gazetteer
import Geo

/// Chooses one candidate place per event for the whole trace at once, by the Viterbi algorithm.
///
/// The model is the hidden Markov model of map matching (Newson & Krumm, "Hidden Markov Map Matching Through Noise
/// and Sparseness", ACM SIGSPATIAL GIS 2009): an event's candidate places are the hidden states, the text's score
/// of a candidate (name prior, support by the other names, the vendor's area) is its emission, and the plausibility
/// of moving between the places of consecutive events — the distance against the elapsed time — is the
/// transition. Scores are log-domain, so the best sequence maximises their sum. Events without candidates are
/// skipped; the move is then measured to the next event that has one.
///
/// Besides the best sequence the decoder returns, for every candidate, the total of the best sequence through it
/// (forward plus backward sums, a max-marginal): the winner's lead over the runner-up is the decision's margin,
/// which `--explain` shows and the confidence uses.
struct TraceDecoder: Sendable {
    let gazetteer: Gazetteer

    /// Moves up to this distance (km) cost nothing: scans minutes apart in one city.
    static let sameCityKm = 30.0
    /// Faster than this (km/h) a parcel must have flown; trucks rarely average more.
    static let roadKmh = 120.0
    /// Faster than this (km/h) the move is impossible (airliners cruise at about 900 km/h).
    static let airKmh = 1000.0
    /// Cost per 1,000 km moved: of two equally named readings, the nearer continues the trace.
    static let distanceCost = 0.25
    /// Moves longer than this (km) cost no more: past it the parcel flies, and an intercontinental leg is no less
    /// likely from 义乌 than from 伊吾, 3,500 km nearer Lisbon.
    static let distanceCostCapKm = 2000.0
    /// Cost per doubling of the implied speed above road speed (flights are rarer than trucks), at most 3 doublings.
    static let flightCost = 0.2
    /// Cost of a move faster than `airKmh`.
    static let impossibleCost = 1.5
    /// Cost of a move between two prefecture-level units: parcels change prefecture a few times per trace, so of two
    /// namesakes (铁西区 of 四平 or of 沈阳, after a 四平 hub) the one in the same prefecture continues the trace.
    /// Every candidate of a real move pays it alike.
    static let prefectureChangeCost = 0.1
    /// The elapsed time never counts as less than this (hours): scan times are rounded to the minute.
    static let minimumHours = 1.0 / 60

    /// One event's candidates (best reading first) and its time.
    struct Event {
        var candidates: [PlaceResolver.Alternative]
        var time: Date
    }

    /// The decoded trace.
    struct Result {
        /// Per event, the index of the chosen candidate; nil for events without candidates.
        var picks: [Int?]
        /// Per event and candidate, the total of the best sequence through that candidate.
        var totals: [[Double]]
    }

    /// The log-plausibility (≤ 0) of moving from `a` to `b` in `hours`.
    func transition(_ a: Int32, _ b: Int32, hours: Double) -> Double {
        transition(a, b, prefecture(a), prefecture(b), hours: hours)
    }

    /// The prefecture-level unit enclosing a place, or the place itself (a foreign city, a province).
    @inline(__always) func prefecture(_ place: Int32) -> Int32 {
        let levels = gazetteer.levels, parents = gazetteer.parentIndex
        var at = place
        for _ in 0..<4 where at >= 0 {
            if levels[Int(at)] == .city { return at }
            at = parents[Int(at)]
        }
        return place
    }

    /// `transition(_:_:hours:)` with the two places' prefecture-level units (or themselves) already looked up.
    func transition(_ a: Int32, _ b: Int32, _ prefectureA: Int32, _ prefectureB: Int32, hours: Double) -> Double {
        if a == b { return 0 }
        let d = gazetteer.anchor(of: a).approximateKilometres(to: gazetteer.anchor(of: b))
        if d <= Self.sameCityKm { return 0 }
        var cost = Self.distanceCost * min(d, Self.distanceCostCapKm) / 1000
        if prefectureA != prefectureB { cost += Self.prefectureChangeCost }
        let speed = d / max(hours, Self.minimumHours)
        if speed > Self.airKmh {
            cost += Self.impossibleCost
        } else if speed > Self.roadKmh {
            cost += Self.flightCost * min(3, log2(speed / Self.roadKmh))
        }
        return -cost
    }

    /// Decodes the best sequence of candidates.
    func decode(_ events: [Event]) -> Result {
        let placed = events.indices.filter { !events[$0].candidates.isEmpty }
        var picks = [Int?](repeating: nil, count: events.count)
        guard !placed.isEmpty else {
            return Result(picks: picks, totals: events.map { [Double](repeating: 0, count: $0.candidates.count) })
        }
        // Flat storage: step s's candidates are at offset[s] ..< offset[s + 1] of every per-candidate array, and
        // the transitions into step s (from step s - 1) at edge[s] in a row-major matrix, computed once for both
        // passes.
        let steps = placed.count
        var offset = [Int](repeating: 0, count: steps + 1)
        var places: [Int32] = []
        var prefectures: [Int32] = []
        var scores: [Double] = []
        for (step, i) in placed.enumerated() {
            for c in events[i].candidates {
                places.append(c.place)
                prefectures.append(prefecture(c.place))
                scores.append(c.score)
            }
            offset[step + 1] = places.count
        }
        var edge = [Int](repeating: 0, count: steps + 1)
        var cost: [Double] = []
        for step in 1..<max(1, steps) {
            edge[step] = cost.count
            let hours = abs(events[placed[step]].time.timeIntervalSince(events[placed[step - 1]].time) / 3600)
            for j in offset[step - 1]..<offset[step] {
                for k in offset[step]..<offset[step + 1] {
                    cost.append(transition(places[j], places[k], prefectures[j], prefectures[k], hours: hours))
                }
            }
        }
        if steps > 1 { edge[steps] = cost.count }
        // Forward: best score of a sequence ending in each candidate, with back-pointers.
        var forward = [Double](repeating: -.infinity, count: places.count)
        var back = [Int](repeating: -1, count: places.count)
        for k in offset[0]..<offset[1] { forward[k] = scores[k] }
        for step in 1..<max(1, steps) {
            let width = offset[step + 1] - offset[step]
            for k in offset[step]..<offset[step + 1] {
                var best = -Double.infinity, from = offset[step - 1]
                for j in offset[step - 1]..<offset[step] {
                    let v = forward[j] + cost[edge[step] + (j - offset[step - 1]) * width + (k - offset[step])]
                    if v > best + 1e-9 { best = v; from = j }
                }
                forward[k] = best + scores[k]
                back[k] = from
            }
        }
        // Backward: best score of the rest of the trace after each candidate (without its own score).
        var backward = [Double](repeating: 0, count: places.count)
        if steps > 1 {
            for step in stride(from: steps - 2, through: 0, by: -1) {
                let width = offset[step + 2] - offset[step + 1]
                for k in offset[step]..<offset[step + 1] {
                    var best = -Double.infinity
                    for j in offset[step + 1]..<offset[step + 2] {
                        let t = cost[edge[step + 1] + (k - offset[step]) * width + (j - offset[step + 1])]
                        best = max(best, t + scores[j] + backward[j])
                    }
                    backward[k] = best
                }
            }
        }
        var totals = events.map { [Double](repeating: 0, count: $0.candidates.count) }
        for (step, i) in placed.enumerated() {
            for k in offset[step]..<offset[step + 1] { totals[i][k - offset[step]] = forward[k] + backward[k] }
        }
        // Trace back from the best last candidate.
        var k = offset[steps - 1]
        for j in offset[steps - 1]..<offset[steps] where forward[j] > forward[k] + 1e-9 { k = j }  // ties keep the better reading
        for step in stride(from: steps - 1, through: 0, by: -1) {
            picks[placed[step]] = k - offset[step]
            k = back[k]
        }
        return Result(picks: picks, totals: totals)
    }
}
