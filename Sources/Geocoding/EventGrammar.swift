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

    init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.phrases = PhraseBook(siteWords: gazetteer.siteWords)
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
        phrases.index.matches(in: mt, into: &hits)
        var statePriority = Int.max
        var nextStarts: [Int] = []
        var nextEnds: [Int] = []
        var sites: [EventReading.Site] = []
        var blanks: [Range<Int>] = []
        var lockers: [Int] = []
        var persons: [Int] = []
        var phraseEnds: [Int] = []
        for hit in hits {
            for role in phrases.roles(of: hit.group) {
                switch role {
                case .next: nextStarts.append(hit.end); phraseEnds.append(hit.end)
                case .nextEnd: nextEnds.append(hit.start)
                case .company, .latinStop: blanks.append(hit.start..<hit.end)
                case .person: persons.append(hit.end); blanks.append(hit.start..<hit.end)
                case .locker: lockers.append(hit.start)
                case .site(let kind): sites.append(.init(start: hit.start, end: hit.end, kind: kind))
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
        let s = mt.scalars
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
            while j < n, s[j] == 0x20 || s[j] == 0x3A || s[j] == 0x3010 || s[j] == 0x5B || s[j] == 0x7684 /* 的 */
                || s[j] == 0x662F /* 是 */ || s[j] == 0x4E3A /* 为 */ { j += 1 }
            var k = j
            while k < n && k - j < 3 && MatchText.isHan(s[k]) { k += 1 }
            if k > j { blanks.append(j..<k) }
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

        // 4. Place names: longest first, no overlaps, none inside a site word.
        var found: [NameMatch] = []
        gazetteer.names.matches(in: mt, into: &found)
        if found.isEmpty { return reading }
        found.sort { $0.length != $1.length ? $0.length > $1.length : $0.start < $1.start }
        var taken = [Bool](repeating: false, count: n)
        var chosen: [NameMatch] = []
        for m in found {
            if sites.contains(where: { $0.start <= m.start && m.end <= $0.end }) { continue }
            if (m.start..<m.end).contains(where: { taken[$0] }) { continue }
            for p in m.start..<m.end { taken[p] = true }
            chosen.append(m)
        }
        chosen.sort { $0.start < $1.start }

        // 5. Roles: next parts, then the context bracket.
        var role = [EventReading.Role](repeating: .current, count: n)
        for start in nextStarts {
            var end = clauseEnd(after: start)
            if let stop = nextEnds.filter({ $0 >= start }).min(), stop < end { end = stop }
            // A bracket that opens right after the marker belongs to the next part even across a comma.
            if let b = brackets.first(where: { $0.lowerBound >= start && $0.lowerBound <= start + 2 }), b.upperBound > end {
                end = b.upperBound
            }
            for p in start..<end { role[p] = .next }
        }
        if let b = prefixBracket { for p in b where role[p] == .current { role[p] = .context } }

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
                    if latin ? !(MatchText.isAlnum(c) || c == 0x20) : !(MatchText.isHan(c) || MatchText.isAlnum(c)) {
                        break
                    }
                    j -= 1
                }
                while j < site.start && s[j] == 0x20 { j += 1 }
                start = j
            }
            siteSpans.append(.init(start: start, end: site.end, kind: site.kind))
        }

        for m in chosen {
            let codeOK = codeAllowed(mt, m)
            var mention = EventReading.Mention(start: m.start, end: m.end, group: m.group, role: role[m.start],
                                               codeAllowed: codeOK, site: nil)
            // The widest site around the mention (西安分拨中心, not 西安分拨).
            mention.site = siteSpans.filter { $0.start <= m.start && m.end <= $0.end }.max { $0.end < $1.end }
            reading.mentions.append(mention)
        }
        return reading
    }

    /// A 3–4 letter code (HKG, ZGGG) counts only when written in capitals and standing alone: in brackets or
    /// parentheses, or between non-Latin neighbours ("LOS ANGELES" holds the code LOS, which must not count).
    func codeAllowed(_ mt: MatchText, _ m: NameMatch) -> Bool {
        let s = mt.scalars
        guard m.length <= 4, (m.start..<m.end).allSatisfy({ mt.wasUpper[$0] }) else { return false }
        var p = m.start - 1
        while p >= 0 && s[p] == 0x20 { p -= 1 }
        var q = m.end
        while q < s.count && s[q] == 0x20 { q += 1 }
        let before = p >= 0 ? s[p] : 0
        let after = q < s.count ? s[q] : 0
        if before == 0x28 || before == 0x5B || before == 0x3010 { return true }
        return !MatchText.isAlnum(before) && !MatchText.isAlnum(after)
    }
}
