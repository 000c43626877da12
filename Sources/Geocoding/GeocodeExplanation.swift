import Foundation
import Gazetteer

/// Why each event of a trace was placed where it was: its candidates with their scores and the reason the winner
/// won. What `tracemap geocode --explain` prints.
public struct GeocodeExplanation: Sendable {
    /// One candidate place of an event.
    public struct Candidate: Sendable {
        public var name: String
        public var level: PlaceLevel
        public var code: String?
        public var country: String
        /// The text's score: name prior, support by the other names, agreement with the vendor's area.
        public var score: Double
        /// The score of the best whole-trace sequence through this candidate (text scores plus travel).
        public var total: Double
        public var chosen: Bool
    }

    /// One event's explanation.
    public struct Event: Sendable {
        public var index: Int
        public var time: Date
        public var text: String
        /// The place names the grammar found, with their roles (current, next, context).
        public var mentions: [String]
        public var candidates: [Candidate]
        /// The geocoded place, as the output contract has it.
        public var place: LocatedPlace?
        public var reason: String
    }

    public var events: [Event]

    /// A plain-text report, one block per event.
    public var text: String {
        var out = ""
        for e in events {
            out += "#\(e.index) \(e.text)\n"
            if !e.mentions.isEmpty { out += "  names: \(e.mentions.joined(separator: ", "))\n" }
            for c in e.candidates {
                let code = c.code.map { " \($0)" } ?? ""
                out += "  \(c.chosen ? "*" : " ") \(c.name) (\(c.level.rawValue)\(code) \(c.country))"
                out += "  text \(Self.format(c.score))  sequence \(Self.format(c.total))\n"
            }
            if let p = e.place {
                out += "  -> \(p.name) (\(p.level.rawValue), \(p.source.rawValue), confidence \(Self.format(p.confidence)))\n"
            } else {
                out += "  -> no place\n"
            }
            out += "  why: \(e.reason)\n"
        }
        return out
    }

    static func format(_ v: Double) -> String { v.isFinite ? String(format: "%.2f", v) : "-" }
}

extension Geocoder {
    /// Explains the geocoding of one parsed trace: the same resolution as `geocode(_:)`, with its reasons.
    public func explain(_ trace: Trace) -> GeocodeExplanation {
        let (steps, decoded, firstPicks) = resolve(trace)
        let placed = place(trace, steps)
        var events: [GeocodeExplanation.Event] = []
        for (i, event) in trace.events.enumerated() {
            let step = steps[i]
            let mentions = step.reading.mentions.map { m -> String in
                let scalars = Array(event.text.unicodeScalars)
                let name = m.end <= scalars.count ? String(String.UnicodeScalarView(scalars[m.start..<m.end])) : "?"
                return "\(name) [\(m.role)]"
            }
            var candidates: [GeocodeExplanation.Candidate] = []
            let alternatives = step.current?.alternatives ?? []
            for (k, a) in alternatives.enumerated() {
                let p = gazetteer[a.place]
                candidates.append(.init(name: qualifiedName(a.place), level: p.level, code: p.code, country: p.country,
                                        score: a.score, total: decoded.totals[i].indices.contains(k) ? decoded.totals[i][k] : a.score,
                                        chosen: step.current?.place == a.place))
            }
            let reason = why(event, step, decoded, i, firstPick: firstPicks[i], candidates: candidates)
            events.append(.init(index: event.index, time: event.time, text: event.text, mentions: mentions,
                                candidates: candidates, place: placed.events[i].place, reason: reason))
        }
        return GeocodeExplanation(events: events)
    }

    /// A place's name with its prefecture or province when it has one (白云区, 贵阳市), to tell namesakes apart.
    func qualifiedName(_ place: Int32) -> String {
        let name = displayName(gazetteer[place])
        var up = gazetteer.parentIndex[Int(place)]
        while up >= 0 {
            let level = gazetteer.level(up)
            if level == .city || level == .province || level == .country { return "\(name), \(displayName(gazetteer[up]))" }
            up = gazetteer.parentIndex[Int(up)]
        }
        return name
    }

    func why(_ event: TraceEvent, _ step: Step, _ decoded: TraceDecoder.Result, _ i: Int, firstPick: Int32?,
             candidates: [GeocodeExplanation.Candidate]) -> String
    {
        if event.coordinate != nil { return "the input gives coordinates" }
        guard let current = step.current else {
            if let e = step.evidence.first {
                return "no place name in the text; the vendor's \(step.evidenceSource.rawValue) names \(displayName(gazetteer[e]))"
            }
            return "no place name in the text: inherited from the previous event (or, before the first placed event, the next)"
        }
        var parts: [String] = []
        if step.fromContext { parts.append("read from the leading bracket (where the event was scanned)") }
        if candidates.count == 1 {
            parts.append("the only reading of its names")
        } else if let k = decoded.picks[i], k > 0, current.place == current.alternatives[k].place {
            let best = candidates[0]
            parts.append("\(best.name) reads best on the text (\(GeocodeExplanation.format(best.score))), but travel to and "
                         + "from the neighbouring events makes \(candidates[k].name) the better sequence (margin "
                         + "\(GeocodeExplanation.format(step.margin)))")
        } else if firstPick != current.place {
            parts.append("a short town name, found near the neighbouring events' places")
        } else {
            parts.append("the best reading of the text and of the whole sequence (margin \(GeocodeExplanation.format(step.margin)))")
        }
        if step.evidence.contains(current.place) || step.evidence.contains(where: { gazetteer.isSelfOrAncestor($0, of: current.place) }) {
            parts.append("the vendor's \(step.evidenceSource.rawValue) agrees")
        }
        return parts.joined(separator: "; ")
    }
}
