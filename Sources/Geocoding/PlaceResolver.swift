import Foundation
import Gazetteer
import Geo

/// Chooses one gazetteer place for a set of mentions, by hierarchy, vendor evidence and nearness.
///
/// Every reading of every mention is a candidate. A candidate scores its name's prior (the gazetteer weight,
/// lowered for towns and regions, which are often false friends), plus the support of the other mentions that
/// name one of its ancestors (广州 supports 番禺区; for airports and foreign cities, any mention within
/// `nearbyKm`), plus agreement with the vendor's area (Kuaidi100 areaCode, Kdniao Location), plus, when an anchor
/// is given, nearness to where the neighbouring events put the parcel. The finest candidate of the best chain wins.
struct PlaceResolver: Sendable {
    let gazetteer: Gazetteer

    /// Within this distance a mention supports an airport or foreign city that has no administrative parent in it.
    static let nearbyKm = 60.0
    /// Nearness to the anchor counts with this scale (a bonus of `anchorWeight × e^(−d/anchorScaleKm)`).
    static let anchorScaleKm = 250.0
    static let anchorWeight = 0.6

    struct Choice {
        let place: Int32
        let score: Double
        /// The mention it came from (an index into the list given to `choose`).
        let mention: Int
        /// The best score of a candidate that is a different place more than 50 km away, if any.
        let rivalScore: Double?
    }

    /// The name prior, by level: towns and regions need support to win.
    @inline(__always) func prior(_ ref: NameRef, _ place: Place) -> Double {
        var w = Double(ref.weight)
        switch place.level {
        case .town: w *= ref.kind == .full ? 0.75 : 0.5
        case .region: w *= 0.7
        case .country: w *= 0.85
        default: break
        }
        if ref.kind == .pinyin { w *= 0.9 }
        return w
    }

    /// The ancestor-capable readings of a mention (towns are leaves; they never support anything).
    func supporters(_ mention: EventReading.Mention) -> [(Int32, Double)] {
        var result: [(Int32, Double)] = []
        for ref in gazetteer.names.refs(mention.group) {
            if ref.kind.isCode && !mention.codeAllowed { continue }
            let level = gazetteer[ref.place].level
            if level == .town { continue }
            result.append((ref.place, Double(ref.weight)))
            if result.count >= 24 { break }
        }
        return result
    }

    /// Picks the best place among `mentions`' readings; `others` only support (context brackets).
    func choose(_ mentions: [EventReading.Mention], supportedBy others: [EventReading.Mention] = [],
                evidence: [Int32] = [], anchor: Coordinate? = nil) -> Choice?
    {
        if mentions.isEmpty { return nil }
        let all = mentions + others
        let support = all.map { supporters($0) }
        var best: (place: Int32, score: Double, mention: Int, fineness: Int)?
        var candidates: [(Int32, Double)] = []
        for (mi, mention) in mentions.enumerated() {
            for ref in gazetteer.names.refs(mention.group) {
                if ref.kind.isCode && !mention.codeAllowed { continue }
                let p = gazetteer[ref.place]
                var score = prior(ref, p)
                let chain = [ref.place] + gazetteer.ancestors(of: ref.place)
                let loose = p.level == .airport || p.level == .foreignCity
                for (oi, readings) in support.enumerated() where oi != mi {
                    var bestSupport = 0.0
                    for (q, w) in readings {
                        if q == ref.place {
                            bestSupport = max(bestSupport, 0.5 * w)
                        } else if chain.contains(q) {
                            bestSupport = max(bestSupport, w)
                        } else if loose,
                                  gazetteer[q].coordinate.kilometres(to: p.coordinate) < Self.nearbyKm {
                            bestSupport = max(bestSupport, 0.8 * w)
                        }
                    }
                    score += bestSupport
                }
                if !evidence.isEmpty {
                    var agrees = false
                    var nearest = Double.infinity
                    for e in evidence {
                        if chain.contains(e) || gazetteer.isSelfOrAncestor(ref.place, of: e) { agrees = true; break }
                        nearest = min(nearest, gazetteer.anchor(of: e).kilometres(to: gazetteer.anchor(of: ref.place)))
                    }
                    if agrees { score += 0.6 } else if nearest > 200 { score -= 0.3 } else if nearest < 50 { score += 0.3 }
                }
                if let anchor {
                    let d = gazetteer.anchor(of: ref.place).kilometres(to: anchor)
                    score += Self.anchorWeight * exp(-d / Self.anchorScaleKm)
                }
                score += 0.02 * log10(1 + Double(importance(chain)))
                let fineness = p.level.fineness
                candidates.append((ref.place, score))
                if let b = best {
                    if score > b.score + 1e-9 || (abs(score - b.score) <= 1e-9 && fineness > b.fineness) {
                        best = (ref.place, score, mi, fineness)
                    }
                } else {
                    best = (ref.place, score, mi, fineness)
                }
            }
        }
        guard let b = best else { return nil }
        let here = gazetteer.anchor(of: b.place)
        var rival: Double?
        for (q, score) in candidates where q != b.place {
            if gazetteer.anchor(of: q).kilometres(to: here) > 50 { rival = max(rival ?? -.infinity, score) }
        }
        return Choice(place: b.place, score: b.score, mention: b.mention, rivalScore: rival)
    }

    /// The population of the place or its nearest ancestor that has one (a tie-breaker between namesakes).
    func importance(_ chain: [Int32]) -> Int {
        for q in chain where gazetteer[q].population > 0 { return gazetteer[q].population }
        return 0
    }
}
