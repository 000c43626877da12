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
    /// log10(1 + importance) of every place, computed once (the log was a tenth of the candidate loop).
    let popularity: [Double]
    /// log10(1 + population) of every place's own population (0 when the sources give none), for Latin readings.
    let ownPopularity: [Double]

    init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.popularity = gazetteer.importance.map { log10(1 + Double($0)) }
        self.ownPopularity = gazetteer.places.map { log10(1 + Double($0.population)) }
    }

    /// Weight of a Chinese unit's own population in a pinyin or English reading: romanisation merges homophones
    /// (Yiwu is 义乌 and 伊吾, Taizhou 台州 and 泰州), and senders write the pinyin of places the world knows, so of
    /// two homophones the populous one (义乌, 1.5 M; 伊吾, a county of 20,000 with no population in the sources)
    /// is the likely one.
    static let latinPopulationWeight = 0.05

    /// Within this distance a mention supports an airport or foreign city that has no administrative parent in it.
    static let nearbyKm = 60.0
    /// Nearness to the anchor counts with this scale (a bonus of `anchorWeight × e^(−d/anchorScaleKm)`).
    static let anchorScaleKm = 250.0
    static let anchorWeight = 0.6
    /// A town named only by its short form is accepted this close (km) to the neighbouring events' place.
    static let townAnchorKm = 40.0

    struct Choice {
        let place: Int32
        let score: Double
        /// The mention it came from (an index into the list given to `choose`).
        let mention: Int
        /// That mention's site and airport-word facts, for naming the result.
        let site: EventReading.Site?
        let beforeAirportWord: Bool
        /// The best score of a candidate that is a different place more than 50 km away, if any.
        let rivalScore: Double?
        /// Whether a town reading was set aside for want of support (the neighbours may yet support it).
        let hiddenNamesake: Bool
        /// The best-scoring distinct places among the readings, best first (the winner included): the candidates
        /// the trace decoder chooses among.
        var alternatives: [Alternative] = []
    }

    /// One candidate place of a mention set with its score and the mention it came from.
    struct Alternative: Sendable {
        let place: Int32
        let score: Double
        let mention: Int
        let site: EventReading.Site?
        let beforeAirportWord: Bool
    }

    /// At most this many candidates per event go to the trace decoder.
    static let alternativesKept = 6

    /// The name prior, by level: towns and regions need support to win.
    @inline(__always) func prior(_ ref: NameRef, _ level: PlaceLevel) -> Double {
        var w = Double(ref.weight)
        switch level {
        case .town: w *= ref.kind == .full ? 0.75 : 0.5
        case .region: w *= 0.7
        case .country: w *= 0.85
        default: break
        }
        if ref.kind == .pinyin { w *= 0.9 }
        return w
    }

    /// Chinese administrative levels (their names are the ones Chinese carriers write most).
    @inline(__always) static func isDomestic(_ level: PlaceLevel) -> Bool {
        switch level {
        case .province, .city, .county, .town: return true
        default: return false
        }
    }

    /// The ancestor-capable readings of a mention (towns are leaves; they never support anything).
    func supporters(_ mention: EventReading.Mention, _ names: NameIndex,
                    into result: UnsafeMutableBufferPointer<(Int32, Double)>, count: inout Int)
    {
        let start = count
        for ref in names.refs(mention.group) {
            if ref.kind.isCode && !mention.codeAllowed { continue }
            if gazetteer.level(ref.place) == .town { continue }
            result[count] = (ref.place, Double(ref.weight))
            count += 1
            if count - start >= Self.supportersPerMention { break }
        }
    }

    /// At most this many ancestor-capable readings of one mention support others.
    static let supportersPerMention = 24

    /// Picks the best place among `mentions`' readings; `others` only support (context brackets).
    ///
    /// With an `anchor` (where the neighbouring events put the parcel), towns named by a short form alone are
    /// allowed when they lie within `townAnchorKm` of it (浦江 after 上海闵行 is 浦江镇).
    func choose(_ mentions: [EventReading.Mention], supportedBy others: [EventReading.Mention] = [],
                evidence: [Int32] = [], anchor: Coordinate? = nil) -> Choice?
    {
        if mentions.isEmpty { return nil }
        // Scratch on the stack (no heap allocation per event for the usual handful of mentions).
        let all = mentions.count + others.count
        return withUnsafeTemporaryAllocation(of: (Int32, Double).self, capacity: all * Self.supportersPerMention) {
            supportBuffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: all + 1) { boundsBuffer in
                choose(mentions, others, evidence, anchor, supportBuffer, boundsBuffer)
            }
        }
    }

    private func choose(_ mentions: [EventReading.Mention], _ others: [EventReading.Mention], _ evidence: [Int32],
                        _ anchor: Coordinate?, _ support: UnsafeMutableBufferPointer<(Int32, Double)>,
                        _ bounds: UnsafeMutableBufferPointer<Int>) -> Choice?
    {
        let names = gazetteer.names
        // The ancestor-capable readings of every mention, flat: mention k's are support[bounds[k] ..< bounds[k+1]].
        var filled = 0
        bounds[0] = 0
        for (k, m) in mentions.enumerated() { supporters(m, names, into: support, count: &filled); bounds[k + 1] = filled }
        for (k, m) in others.enumerated() {
            supporters(m, names, into: support, count: &filled)
            bounds[mentions.count + k + 1] = filled
        }
        var best: (place: Int32, score: Double, mention: Int, fineness: Int)?
        // Phase 1: every viable reading of every mention with its score from names, support and evidence.
        var viable: [(place: Int32, score: Double, mention: Int, bonus: Double)] = []
        viable.reserveCapacity(16)
        var hidden = false
        let parents = gazetteer.parentIndex
        // A site named "<prefecture><inner words><site word>" (郑州东城中转场) lies in that prefecture: the inner words
        // are read inside it, never as a namesake elsewhere (东城区 of Beijing).
        let enclosing = enclosingPrefectures(mentions, names)
        for (mi, mention) in mentions.enumerated() {
            let readings = names.refs(mention.group)
            let within = enclosing.isEmpty ? nil : enclosing[mi]
            // A prefecture-level reading of this mention: then its town readings (金华 the town, 金华市 the city)
            // get no nearness bonus, which must not outvote so strong a prior on its own.
            let namesPrefecture = readings.contains {
                let level = gazetteer.level($0.place)
                return level == .city || level == .province
            }
            // A Chinese name that names a Chinese unit means that unit unless something says otherwise: 广州 is
            // 广州市 before it is Gwangju (광주, also written 广州).
            let domestic = readings.contains { Self.isDomestic(gazetteer.level($0.place)) }
            let first = viable.count
            for ref in readings {
                if ref.kind.isCode && !mention.codeAllowed { continue }
                let place = ref.place
                if let within, !within.contains(where: { gazetteer.isSelfOrAncestor($0, of: place) }) { continue }
                let level = gazetteer.level(place)
                let point = gazetteer.anchor(of: place)
                var score = prior(ref, level)
                if domestic && !Self.isDomestic(level) && (ref.kind == .zh || ref.kind == .zhHant || ref.kind == .alias) {
                    score *= 0.5
                }
                let loose = level == .airport || level == .foreignCity
                // The ancestors, read once: up to six levels (town → county → city → province → country).
                var chain: (Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1)
                var up = parents[Int(place)]
                if up >= 0 { chain.0 = up; up = parents[Int(up)] }
                if up >= 0 { chain.1 = up; up = parents[Int(up)] }
                if up >= 0 { chain.2 = up; up = parents[Int(up)] }
                if up >= 0 { chain.3 = up; up = parents[Int(up)] }
                if up >= 0 { chain.4 = up; up = parents[Int(up)] }
                if up >= 0 { chain.5 = up }
                @inline(__always) func isAncestor(_ q: Int32) -> Bool {
                    q == chain.0 || q == chain.1 || q == chain.2 || q == chain.3 || q == chain.4 || q == chain.5
                }
                var supported = 0.0
                for oi in 0..<(mentions.count + others.count) where oi != mi {
                    var bestSupport = 0.0
                    for (q, w) in support[bounds[oi]..<bounds[oi + 1]] {
                        if q == place {
                            bestSupport = max(bestSupport, 0.5 * w)
                        } else if isAncestor(q) {
                            bestSupport = max(bestSupport, w)
                        } else if loose, gazetteer.anchor(of: q).approximateKilometres(to: point) < Self.nearbyKm {
                            bestSupport = max(bestSupport, 0.8 * w)
                        }
                    }
                    score += bestSupport
                    supported += bestSupport
                }
                var agrees = false
                if !evidence.isEmpty {
                    var nearest = Double.infinity
                    for e in evidence {
                        if e == place || isAncestor(e) || gazetteer.isSelfOrAncestor(place, of: e) {
                            agrees = true
                            break
                        }
                        nearest = min(nearest, gazetteer.anchor(of: e).approximateKilometres(to: point))
                    }
                    if agrees { score += 0.6 } else if nearest > 200 { score -= 0.3 } else if nearest < 50 { score += 0.3 }
                }
                // A town's full name (白沟镇) with its ancestors named too is no false friend: full prior.
                if level == .town && ref.kind == .full && supported > 0 { score += Double(ref.weight) * 0.25 }
                // A town named by its short form alone (更新, 安全) is a false friend unless something supports it:
                // another mention, the vendor's area, or (second pass) the neighbouring events' place nearby. A
                // bracket naming nothing else (【磨憨口岸】) is weak support.
                if level == .town && ref.kind != .full && supported == 0 && !agrees {
                    if let anchor, point.approximateKilometres(to: anchor) < Self.townAnchorKm {
                        score += 0.5
                    } else if mention.soleInBracket {
                        score *= 0.6
                        hidden = true
                    } else {
                        hidden = true
                        continue
                    }
                }
                if loose, let code = mention.regionCode, gazetteer[place].admin1 == code { score += 0.5 }
                score += (loose ? 0.1 : 0.02) * popularity[Int(place)]
                if ref.kind == .pinyin || ref.kind == .en, Self.isDomestic(level) {
                    score += Self.latinPopulationWeight * ownPopularity[Int(place)]
                }
                viable.append((place, score, mi, 0))
            }
            // Nearness to the anchor tells namesakes apart (白云区 of 广州 or of 贵阳): relative within this
            // mention's readings, so the nearest namesake gains and no mention outranks another by it alone.
            if let anchor, viable.count - first > 1 {
                var floor = Double.infinity
                for k in first..<viable.count {
                    let d = gazetteer.anchor(of: viable[k].place).approximateKilometres(to: anchor)
                    // Abroad, legs are long and big cities are the usual stops: nearness counts over a wider scale.
                    let level = gazetteer.level(viable[k].place)
                    // Not when the name is a Chinese unit's too: then a foreign namesake (丽水 = Yeosu) gains no
                    // more from nearness than the Chinese reading does.
                    let wide = (level == .foreignCity || level == .airport) && !domestic
                    let scale = wide ? 4 * Self.anchorScaleKm : Self.anchorScaleKm
                    viable[k].bonus = namesPrefecture && level == .town ? 0 : Self.anchorWeight * exp(-d / scale)
                    floor = min(floor, viable[k].bonus)
                }
                for k in first..<viable.count { viable[k].bonus -= floor }
            }
        }
        // Phase 2: a reading also takes the nearness bonus of an ancestor named by another mention (人和镇 gains
        // what 白云区 of 广州 gained), so nearness never lifts a coarse place above the finer one inside it.
        for k in viable.indices {
            var bonus = viable[k].bonus
            if anchor != nil {
                for other in viable where other.mention != viable[k].mention && other.bonus > bonus {
                    if gazetteer.isSelfOrAncestor(other.place, of: viable[k].place) { bonus = other.bonus }
                }
            }
            viable[k].score += bonus
            let v = viable[k]
            let score = v.score
            let fineness = gazetteer.level(v.place).fineness
            if let b = best {
                if score > b.score + 1e-9 || (abs(score - b.score) <= 1e-9 && fineness > b.fineness) {
                    best = (v.place, score, v.mention, fineness)
                }
            } else {
                best = (v.place, score, v.mention, fineness)
            }
        }
        guard let b = best else { return nil }
        let here = gazetteer.anchor(of: b.place)
        var rival: Double?
        for v in viable where v.place != b.place {
            // More than about 50 km apart (0.45° of latitude, or of longitude at Chinese latitudes).
            let there = gazetteer.anchor(of: v.place)
            if abs(there.lat - here.lat) > 0.45 || abs(there.lon - here.lon) > 0.55 {
                rival = max(rival ?? -.infinity, v.score)
            }
        }
        let m = mentions[b.mention]
        var choice = Choice(place: b.place, score: b.score, mention: b.mention, site: m.site,
                            beforeAirportWord: m.beforeAirportWord, rivalScore: rival, hiddenNamesake: hidden)
        choice.alternatives = alternatives(viable, mentions, best: b)
        return choice
    }

    /// The distinct places of `viable` by their best score, the winner first, then by score; a coarser place is
    /// left out when a finer one inside it scores at least as well (it would only repeat that reading).
    private func alternatives(_ viable: [(place: Int32, score: Double, mention: Int, bonus: Double)],
                              _ mentions: [EventReading.Mention],
                              best: (place: Int32, score: Double, mention: Int, fineness: Int)) -> [Alternative]
    {
        func alternative(_ place: Int32, _ score: Double, _ mention: Int) -> Alternative {
            Alternative(place: place, score: score, mention: mention, site: mentions[mention].site,
                        beforeAirportWord: mentions[mention].beforeAirportWord)
        }
        var out = [alternative(best.place, best.score, best.mention)]
        if viable.count == 1 { return out }
        let ranked = viable.sorted { $0.score > $1.score }
        for v in ranked where out.count < Self.alternativesKept {
            if out.contains(where: { $0.place == v.place }) { continue }
            if out.contains(where: { $0.score >= v.score && gazetteer.isSelfOrAncestor(v.place, of: $0.place) }) {
                continue
            }
            out.append(alternative(v.place, v.score, v.mention))
        }
        return out
    }
}

extension PlaceResolver.Choice {
    /// This choice with its place replaced by alternative `k` (what the trace decoder picked): the rival is the
    /// best other candidate more than about 50 km away, as for the first choice.
    func picking(_ k: Int, gazetteer: Gazetteer) -> PlaceResolver.Choice {
        precondition(alternatives.indices.contains(k), "no alternative \(k)")
        if k == 0 { return self }
        let a = alternatives[k]
        let here = gazetteer.anchor(of: a.place)
        var rival: Double?
        for o in alternatives where o.place != a.place {
            let there = gazetteer.anchor(of: o.place)
            if abs(there.lat - here.lat) > 0.45 || abs(there.lon - here.lon) > 0.55 { rival = max(rival ?? -.infinity, o.score) }
        }
        var c = PlaceResolver.Choice(place: a.place, score: a.score, mention: a.mention, site: a.site,
                                     beforeAirportWord: a.beforeAirportWord, rivalScore: rival,
                                     hiddenNamesake: hiddenNamesake)
        c.alternatives = alternatives
        return c
    }
}

extension PlaceResolver {
    /// For each mention inside a site whose name starts with a prefecture-level mention (a city or province
    /// reading), those readings; nil for the leading mention itself and for mentions outside such sites. Empty
    /// when there is no such site.
    func enclosingPrefectures(_ mentions: [EventReading.Mention], _ names: NameIndex) -> [[Int32]?] {
        // Most events have no site whose name opens with a place: no array at all then.
        guard mentions.count > 1, mentions.contains(where: { $0.site?.start == $0.start }) else { return [] }
        var result = [[Int32]?](repeating: nil, count: mentions.count)
        for (li, lead) in mentions.enumerated() {
            guard let site = lead.site, lead.start == site.start else { continue }
            let prefectures = names.refs(lead.group).compactMap { ref -> Int32? in
                if ref.kind.isCode { return nil }
                let level = gazetteer.level(ref.place)
                return level == .city || level == .province ? ref.place : nil
            }
            guard !prefectures.isEmpty else { continue }
            for (mi, m) in mentions.enumerated() where mi != li {
                if let s = m.site, s.start == site.start, s.end == site.end, m.start > lead.start {
                    result[mi] = prefectures
                }
            }
        }
        return result
    }
}

extension Coordinate {
    /// Distance in km by the equirectangular approximation: within 0.5 % of the great circle up to a few hundred
    /// kilometres, and always good enough to rank nearness. Used in the geocoder's inner loops.
    @inline(__always) func approximateKilometres(to o: Coordinate) -> Double {
        let k = Double.pi / 180
        let x = (o.lon - lon) * k * cos((o.lat + lat) * 0.5 * k)
        let y = (o.lat - lat) * k
        return (x * x + y * y).squareRoot() * 6371.0088
    }
}
