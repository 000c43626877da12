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
    /// Cost per doubling of the implied speed above road speed (flights are rarer than trucks), at most 3 doublings.
    static let flightCost = 0.2
    /// Cost of a move faster than `airKmh`.
    static let impossibleCost = 1.5
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
        if a == b { return 0 }
        let d = gazetteer.anchor(of: a).approximateKilometres(to: gazetteer.anchor(of: b))
        if d <= Self.sameCityKm { return 0 }
        var cost = Self.distanceCost * d / 1000
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
        var totals = events.map { [Double](repeating: 0, count: $0.candidates.count) }
        guard !placed.isEmpty else { return Result(picks: picks, totals: totals) }
        // Forward: best score of a sequence ending in each candidate, with back-pointers.
        var forward: [[Double]] = []
        var back: [[Int]] = []
        forward.reserveCapacity(placed.count)
        back.reserveCapacity(placed.count)
        for (step, i) in placed.enumerated() {
            let here = events[i].candidates
            if step == 0 {
                forward.append(here.map(\.score))
                back.append([Int](repeating: -1, count: here.count))
                continue
            }
            let p = placed[step - 1]
            let before = events[p].candidates
            let hours = events[i].time.timeIntervalSince(events[p].time) / 3600
            var f = [Double](repeating: -.infinity, count: here.count)
            var b = [Int](repeating: 0, count: here.count)
            for (k, c) in here.enumerated() {
                for (j, o) in before.enumerated() {
                    let v = forward[step - 1][j] + transition(o.place, c.place, hours: abs(hours))
                    if v > f[k] + 1e-9 { f[k] = v; b[k] = j }
                }
                f[k] += c.score
            }
            forward.append(f)
            back.append(b)
        }
        // Backward: best score of the rest of the trace after each candidate (without its own score).
        var backward = placed.map { [Double](repeating: 0, count: events[$0].candidates.count) }
        if placed.count > 1 {
            for step in stride(from: placed.count - 2, through: 0, by: -1) {
                let i = placed[step], n = placed[step + 1]
                let hours = abs(events[n].time.timeIntervalSince(events[i].time) / 3600)
                for (k, c) in events[i].candidates.enumerated() {
                    var best = -Double.infinity
                    for (j, o) in events[n].candidates.enumerated() {
                        best = max(best, transition(c.place, o.place, hours: hours) + o.score + backward[step + 1][j])
                    }
                    backward[step][k] = best
                }
            }
        }
        for (step, i) in placed.enumerated() {
            for k in totals[i].indices { totals[i][k] = forward[step][k] + backward[step][k] }
        }
        // Trace back from the best last candidate.
        let last = forward[placed.count - 1]
        var k = 0
        for j in last.indices where last[j] > last[k] + 1e-9 { k = j }  // ties keep the better reading
        for step in stride(from: placed.count - 1, through: 0, by: -1) {
            picks[placed[step]] = k
            k = back[step][k]
        }
        return Result(picks: picks, totals: totals)
    }
}
