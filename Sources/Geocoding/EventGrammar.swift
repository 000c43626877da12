import Gazetteer

/// Reads one event text: blanks noise (companies, people, lockers), finds place names, logistics sites and
/// brackets, and splits the sentence into where the parcel is and where it goes next.
///
/// - "A 已发往 B", "离开 A，下一站 B", "A，正发往 B", "A 已发出 下一站 B": A is current, B is next.
/// - "到达 B", "已收入", "到【B】", "B 已收件": B is current (everything outside a next part is current).
/// - A bracket at the very start (【广州市】, [wulumuqi]) is context: where the event was scanned.
/// - A next part runs from its marker to the end of the clause (，。；) or to 的路上/途中.
struct EventGrammar: Sendable {
    let gazetteer: Gazetteer
    let phrases: PhraseBook

    /// Per name group, the best segmentation prior of its readings that are not codes, and of those that are.
    let groupPriors: [(plain: Float, code: Float)]

    init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.phrases = PhraseBook(siteWords: gazetteer.siteWords)
        let names = gazetteer.names
        var priors = [(plain: Float, code: Float)](repeating: (0, 0), count: names.nameCount)
        for g in 0..<names.nameCount {
            for ref in names.refs(Int32(g)) {
                let w = Self.segmentPrior(ref, gazetteer.level(ref.place))
                if ref.kind.isCode { priors[g].code = max(priors[g].code, w) } else { priors[g].plain = max(priors[g].plain, w) }
            }
        }
        self.groupPriors = priors
    }

    /// A reading's weight for segmentation: foreign names written in Chinese and towns count less.
    static func segmentPrior(_ ref: NameRef, _ level: PlaceLevel) -> Float {
        var w = ref.weight
        switch level {
        case .foreignCity, .airport: if ref.kind == .zh || ref.kind == .zhHant || ref.kind == .alias { w *= 0.6 }
        case .town: w *= 0.6
        default: break
        }
        return w
    }

    @inline(__always) static func isClauseEnd(_ s: UInt32) -> Bool {
        s == 0x2C || s == 0x3B || s == 0x21 || s == 0x3F || s == 0x3002  // , ; ! ? 。(full-width forms normalised)
    }

    @inline(__always) static func opener(_ s: UInt32) -> UInt32? {
        switch s {
        case 0x3010: return 0x3011  // 【】
        case 0x5B: return 0x5D      // []
        case 0x3016: return 0x3017  // 〖〗
        case 0x3014: return 0x3015  // 〔〕
        case 0x300C: return 0x300D  // 「」
        case 0x300E: return 0x300F  // 『』
        default: return nil
        }
    }

    func read(_ text: String) -> EventReading {
        var reading = EventReading()
        var mt = MatchText(text)
        let n = mt.count
        if n == 0 { return reading }

        // 1. Phrases: markers, noise, sites, states.
        var hits: [NameMatch] = []
        hits.reserveCapacity(16)  // one allocation instead of four doublings
        let phraseIndex = phrases.index
        phraseIndex.matches(in: mt, into: &hits)
        var statePriority = Int.max
        var nextStarts: [Int] = []
        var nextEnds: [Int] = []
        var sites: [EventReading.Site] = []
        var blanks: [Range<Int>] = []
        var lockers: [Int] = []
        var persons: [Int] = []
        var handOvers: [Int] = []
        var previousStarts: [Int] = []
        var phraseEnds: [Int] = []
        var latinStopEnds: [Int] = []  // a Latin site's name never runs back over one (Yiwu Process completed in …)
        let s = mt.scalars
        for hit in hits {
            for ref in phraseIndex.refs(hit.group) {
                switch phrases.roles[Int(ref.place)] {
                case .next: nextStarts.append(hit.end); phraseEnds.append(hit.end)
                case .nextBeforeColon:
                    var j = hit.end
                    while j < n && s[j] == 0x20 { j += 1 }
                    if j < n && s[j] == 0x3A { nextStarts.append(j + 1); phraseEnds.append(j + 1) }
                case .nextEnd: nextEnds.append(hit.start)
                case .company: blanks.append(hit.start..<hit.end)
                case .latinStop: blanks.append(hit.start..<hit.end); latinStopEnds.append(hit.end)
                case .person: persons.append(hit.end); blanks.append(hit.start..<hit.end)
                case .handOver: handOvers.append(hit.end); phraseEnds.append(hit.end)
                case .previous: previousStarts.append(hit.start)
                case .locker: lockers.append(hit.start)
                case .site(let kind): sites.append(.init(start: hit.start, end: hit.end, kind: kind))
                case .information: reading.informationOnly = true
                case .postOperator(let index):
                    blanks.append(hit.start..<hit.end)
                    reading.postOperator = index
                case .state(let state):
                    phraseEnds.append(hit.end)
                    let priority = PhraseBook.states.firstIndex { $0.0 == state } ?? Int.max
                    if priority < statePriority { statePriority = priority; reading.state = state }
                }
            }
        }
        reading.hasNextMarker = !nextStarts.isEmpty

        // 2. Brackets.
        var brackets: [Range<Int>] = []  // content ranges
        var i = 0
        while i < n {
            if let close = Self.opener(s[i]) {
                var j = i + 1
                while j < n && s[j] != close { j += 1 }
                if j < n { brackets.append((i + 1)..<j); i = j + 1; continue }
            }
            i += 1
        }
        var prefixBracket: Range<Int>?
        if let first = s.firstIndex(where: { $0 != 0x20 }), let b = brackets.first, b.lowerBound == first + 1 {
            prefixBracket = b
        }
        func bracket(containing p: Int) -> Range<Int>? { brackets.first { $0.contains(p) } }
        func clauseEnd(after p: Int) -> Int {
            var j = p
            while j < n && !Self.isClauseEnd(s[j]) { j += 1 }
            return j
        }

        // 3. Noise: people's names after their role word, locker addresses to the end of the clause.
        for p in persons {
            var j = p
            // A comma may stand between the role and the name too (京东: "配送员，张小川，手机号…").
            while j < n, s[j] == 0x20 || s[j] == 0x3A || s[j] == 0x2C || s[j] == 0x3001 || s[j] == 0x3010 || s[j] == 0x5B
                || s[j] == 0x7684 /* 的 */ || s[j] == 0x662F /* 是 */ || s[j] == 0x4E3A /* 为 */ { j += 1 }
            var k = j
            while k < n && k - j < 3 && MatchText.isHan(s[k]) { k += 1 }
            if k > j { blanks.append(j..<k) }
        }
        // 交给 + a name standing alone (交给王西平，…): the name is a person. 交给 + a longer run is a site or a place.
        for p in handOvers {
            var j = p
            while j < n, s[j] == 0x20 || s[j] == 0x3A { j += 1 }
            var k = j
            while k < n && MatchText.isHan(s[k]) { k += 1 }
            if k - j >= 2 && k - j <= 3 { blanks.append(j..<k) }
        }
        // 上一站是 B: where the parcel came from, which is neither where it is nor where it goes.
        for p in previousStarts {
            var end = clauseEnd(after: p)
            if let b = bracket(containing: end), b.lowerBound > p { end = b.upperBound }
            blanks.append(p..<end)
        }
        for p in lockers {
            if let b = bracket(containing: p) { blanks.append(b) }
            var end = clauseEnd(after: p)
            if let b = bracket(containing: end), b.lowerBound > p { end = b.upperBound }
            blanks.append(p..<end)
            // The bracket right after the locker word is its address too (丰巢柜【XX花园】).
            if let b = brackets.first(where: { $0.lowerBound > p && $0.lowerBound <= end + 2 }) { blanks.append(b) }
        }
        for b in blanks { mt.blank(b) }

        // 4. Place names: the segmentation with the best total (length² × the name's best prior), so 青海|格尔木
        //    beats the foreign namesake 海格尔 that overlaps both; none inside a site word.
        var found: [NameMatch] = []
        found.reserveCapacity(16)
        let names = gazetteer.names
        names.matches(in: mt, into: &found)
        if found.isEmpty { return reading }
        // A name inside a site word is part of the word (中心), and a name that runs into a site word without
        // holding all of it (华中 in 金华中转部) splits the word: both are false readings.
        found.removeAll { m in
            sites.contains { $0.start <= m.start && m.end <= $0.end || m.start < $0.start && $0.start < m.end && m.end < $0.end }
        }
        // A word that opens with a prefecture or province name followed by another name (信阳|新县, 青海|格尔木) is
        // read prefecture first: a name starting inside the prefecture's (阳新县, 海格尔) is a false reading, however
        // long (issue 10, class 2).
        if found.count > 2 {
            var leading: [NameMatch] = []
            let levels = gazetteer.levels
            for m in found where m.start == 0 || !MatchText.isHan(s[m.start - 1]) {
                // Only when a longer name starts inside this one and another starts where it ends.
                var inside = false, after = false
                for o in found {
                    if o.start == m.end { after = true } else if o.start > m.start && o.start < m.end && o.end > m.end { inside = true }
                }
                guard inside && after else { continue }
                let prefecture = names.refs(m.group).contains {
                    let level = levels[Int($0.place)]
                    return level == .city || level == .province
                }
                if prefecture { leading.append(m) }
            }
            if !leading.isEmpty {
                found.removeAll { m in leading.contains { $0.start < m.start && m.start < $0.end && m.end > $0.end } }
            }
        }
        let chosen = segment(found, mt, n, names)

        // 5. Roles: next parts, then the context bracket.
        var nextParts: [Range<Int>] = []  // usually none or one: no per-position table
        for start in nextStarts {
            var end = clauseEnd(after: start)
            for stop in nextEnds where stop >= start && stop < end { end = stop }
            // A bracket that opens right after the marker belongs to the next part even across a comma.
            if let b = brackets.first(where: { $0.lowerBound >= start && $0.lowerBound <= start + 2 }), b.upperBound > end {
                end = b.upperBound
            }
            if start < end { nextParts.append(start..<end) }
        }
        @inline(__always) func role(at p: Int) -> EventReading.Role {
            if nextParts.contains(where: { $0.contains(p) }) { return .next }
            if let b = prefixBracket, b.contains(p) { return .context }
            return .current
        }

        // 6. Sites: the longest site word ending at each place; its name runs back to the bracket start or over
        //    the words before it.
        sites.sort { $0.end != $1.end ? $0.end < $1.end : $0.start < $1.start }
        var siteSpans: [EventReading.Site] = []
        for site in sites {
            if let last = siteSpans.last, last.end == site.end { continue }
            let start: Int
            if let b = bracket(containing: site.start) {
                start = b.lowerBound
            } else {
                var j = site.start
                let latin = MatchText.isAlnum(s[max(0, site.start)])
                while j > 0 {
                    let c = s[j - 1]
                    if phraseEnds.contains(j) { break }
                    if latin && c == 0x20 && latinStopEnds.contains(j - 1) { break }
                    if latin ? !(MatchText.isAlnum(c) || c == 0x20) : !(MatchText.isHan(c) || MatchText.isAlnum(c)) {
                        break
                    }
                    j -= 1
                }
                while j < site.start && s[j] == 0x20 { j += 1 }
                start = j
            }
            // A site's name runs from its first place word to its site word: words before the place word are the
            // sentence's (快件在, 浙A12345在, 已到达), not the site's.
            let first = chosen.first { $0.start >= start && $0.end <= site.start }?.start ?? start
            siteSpans.append(.init(start: first, end: site.end, kind: site.kind))
        }

        reading.mentions.reserveCapacity(chosen.count)
        for m in chosen {
            let codeOK = codeAllowed(mt, m)
            var mention = EventReading.Mention(start: m.start, end: m.end, group: m.group, role: role(at: m.start),
                                               codeAllowed: codeOK, site: nil)
            // The widest site around the mention (西安分拨中心, not 西安分拨).
            for span in siteSpans where span.start <= m.start && m.end <= span.end {
                if mention.site.map({ span.end > $0.end }) ?? true { mention.site = span }
            }
            if let site = mention.site {
                mention.beforeAirportWord = sites.contains {
                    $0.kind == .airport && $0.start >= m.end && $0.end <= site.end
                }
            }
            if MatchText.isLatinLetter(s[m.end - 1]) {
                var j = m.end
                while j < n && (s[j] == 0x20 || s[j] == 0x2C) { j += 1 }
                if j + 1 < n, MatchText.isLatinLetter(s[j]), MatchText.isLatinLetter(s[j + 1]),
                   j + 2 == n || !MatchText.isAlnum(s[j + 2])
                {
                    // Lower-case ASCII letters after normalisation: upper-case them.
                    mention.regionLetters = (UInt8(s[j] - 0x20), UInt8(s[j + 1] - 0x20))
                }
            }
            if let b = bracket(containing: m.start),
               !chosen.contains(where: { $0.start != m.start && b.contains($0.start) })
            {
                mention.soleInBracket = true
            }
            reading.mentions.append(mention)
        }
        return reading
    }

    /// Picks non-overlapping matches maximising Σ length² × prior (dynamic programming over positions).
    /// `found` comes from the scan in order of start.
    func segment(_ found: [NameMatch], _ mt: MatchText, _ n: Int, _ names: NameIndex) -> [NameMatch] {
        if found.count == 1 { return found }
        // Scratch on the stack: the table is n + 1 entries of (best total, picked match).
        return withUnsafeTemporaryAllocation(of: (Double, Int).self, capacity: n + 1) { table in
            table[n] = (0, -1)
            var k = found.count - 1
            var i = n - 1
            while i >= 0 {
                table[i] = (table[i + 1].0, -1)
                while k >= 0 && found[k].start > i { k -= 1 }
                var j = k
                while j >= 0 && found[j].start == i {
                    let m = found[j]
                    let value = Double(m.length * m.length) * matchPrior(m, mt, names) + table[m.end].0
                    if value > table[i].0 { table[i] = (value, j) }
                    j -= 1
                }
                i -= 1
            }
            var result: [NameMatch] = []
            i = 0
            while i < n {
                let pick = table[i].1
                if pick >= 0 {
                    let m = found[pick]
                    result.append(m)
                    i = m.end
                } else {
                    i += 1
                }
            }
            return result
        }
    }

    /// The best prior among a match's readings (codes only when written as codes).
    func matchPrior(_ m: NameMatch, _ mt: MatchText, _ names: NameIndex) -> Double {
        let p = groupPriors[Int(m.group)]
        if p.code > p.plain && codeAllowed(mt, m) { return Double(p.code) }
        return Double(p.plain)
    }

    /// A 3–4 letter code (HKG, ZGGG) counts only when written in capitals and standing out: in brackets or
    /// parentheses, or with no capitalised word right beside it ("LOS ANGELES" holds the code LOS, which must not
    /// count; "Flight departed HKG, next stop SYD" holds two codes).
    func codeAllowed(_ mt: MatchText, _ m: NameMatch) -> Bool {
        let s = mt.scalars
        guard m.length <= 4, (m.start..<m.end).allSatisfy({ mt.wasUpper($0) }) else { return false }
        var p = m.start - 1
        while p >= 0 && s[p] == 0x20 { p -= 1 }
        let before = p >= 0 ? s[p] : 0
        if before == 0x28 || before == 0x5B || before == 0x3010 { return true }
        // The nearest letters on either side, across spaces and punctuation, must not be capitals.
        var q = m.start - 1
        while q >= 0 && !MatchText.isLatinLetter(s[q]) && !MatchText.isHan(s[q]) { q -= 1 }
        if q >= 0 && mt.wasUpper(q) { return false }
        var r = m.end
        while r < s.count && !MatchText.isLatinLetter(s[r]) && !MatchText.isHan(s[r]) { r += 1 }
        if r < s.count && mt.wasUpper(r) { return false }
        return true
    }
}
