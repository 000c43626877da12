/// The name matcher: every gazetteer name and alias in one open-addressing hash table keyed by a running hash of
/// the name's normalised scalars, with every proper prefix marked, so a scan can walk the text from each start
/// position and stop as soon as no name continues (a trie whose nodes are hash slots).
///
/// Built once at start-up. A pair filter (a bitset over the first two scalars of every name) skips most start
/// positions without touching the table. Names are told apart by 64-bit FNV-1a hashes; with a few million keys the
/// chance of any collision is about 1e-7, and a collision could only add a candidate that the resolver weighs.
public struct NameIndex: Sendable {
    /// One slot: the key (0 marks an empty slot) and the value: bit 0 = "a longer name continues",
    /// bits 1… = group + 1 (0 = no name ends here). Interleaved so a probe touches one cache line.
    struct Slot { var key: UInt64; var value: Int32 }
    private var slots: [Slot]
    private var mask: Int
    private var used = 0
    /// Postings of each group are `postings[groupStart[g] ..< groupStart[g + 1]]` once built.
    public private(set) var groupStart: [Int32] = [0]
    public private(set) var postings: [NameRef] = []
    /// Whether the names of each group end in a Latin letter or digit (they then need a word boundary).
    private(set) var groupIsLatin: [Bool] = []
    /// Bitset over a hash of the first two scalars of every name.
    private var pairBits: [UInt64]
    private static let pairBitCount = 1 << 21

    // Build-time linked lists, compacted by `finish()`.
    private var heads: [Int32] = []
    private var pending: [(ref: NameRef, next: Int32)] = []

    /// The shortest name (in scalars) the index keeps; single characters are never matched (the scan looks at
    /// two scalars before it touches the table).
    public let minimumLength = 2
    /// The shortest Latin name kept: two-letter words are too ambiguous to be place names.
    public let minimumLatinLength: Int

    public init(expectedNames: Int = 1 << 16, minimumLatinLength: Int = 3) {
        self.minimumLatinLength = minimumLatinLength
        var capacity = 1 << 12
        while capacity < expectedNames * 5 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: capacity)
        mask = capacity - 1
        pairBits = Array(repeating: 0, count: Self.pairBitCount / 64)
    }

    @inline(__always) static func step(_ h: UInt64, _ s: UInt32) -> UInt64 {
        (h ^ UInt64(s)) &* 0x0000_0100_0000_01B3
    }

    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always) static func pairSlot(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(a) &* 0x9E37_79B9 ^ UInt64(b) &* 0x85EB_CA6B) >> 7) & (pairBitCount - 1)
    }

    @inline(__always) private func slot(for key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (key ^ (key >> 29)) &* 0xBF58_476D_1CE4_E5B9 >> 17) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let k = table[i].key
                if k == key || k == 0 { return i }
                i = (i + 1) & mask
            }
        }
    }

    /// The value stored for a hash, 0 when absent.
    @inline(__always) func value(_ key: UInt64) -> Int32 {
        let k = key == 0 ? 1 : key
        return slots[slot(for: k)].value
    }

    private mutating func growIfNeeded() {
        guard used * 2 >= slots.count else { return }
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.key != 0 { slots[slot(for: entry.key)] = entry }
    }

    private mutating func markPrefix(_ key: UInt64) {
        let k = key == 0 ? 1 : key
        let s = slot(for: k)
        if slots[s].key == 0 { slots[s].key = k; used += 1; slots[s].value = 1; growIfNeeded(); return }
        slots[s].value |= 1
    }

    /// Adds one name (already normalised scalars) for a place.
    public mutating func add(_ name: UnsafeBufferPointer<UInt32>, _ ref: NameRef) {
        guard name.count >= minimumLength else { return }
        if isLatin(name.last!), name.count < minimumLatinLength { return }
        var h = Self.seed
        for i in 0..<(name.count - 1) {
            h = Self.step(h, name[i])
            markPrefix(h)
        }
        h = Self.step(h, name[name.count - 1])
        let k = h == 0 ? 1 : h
        let s = slot(for: k)
        if slots[s].key == 0 { slots[s].key = k; used += 1 }
        var group = Int(slots[s].value >> 1) - 1
        if group < 0 {
            group = heads.count
            heads.append(-1)
            groupIsLatin.append(isLatin(name.last!))
            slots[s].value |= Int32(group + 1) << 1
        }
        pending.append((ref, heads[group]))
        heads[group] = Int32(pending.count - 1)
        let p = Self.pairSlot(name[0], name[1])
        pairBits[p >> 6] |= 1 << UInt64(p & 63)
        growIfNeeded()
    }

    /// Adds a name given as a string (normalised here).
    public mutating func add(_ name: String, _ ref: NameRef) {
        var scalars = normalizedName(name)
        trimSpaces(&scalars)
        scalars.withUnsafeBufferPointer { add($0, ref) }
    }

    /// Compacts the postings into contiguous groups, best weight first; call once after the last `add`.
    public mutating func finish() {
        groupStart = [0]
        groupStart.reserveCapacity(heads.count + 1)
        postings = []
        postings.reserveCapacity(pending.count)
        var group: [NameRef] = []
        for head in heads {
            group.removeAll(keepingCapacity: true)
            var i = head
            while i >= 0 { group.append(pending[Int(i)].ref); i = pending[Int(i)].next }
            group.reverse()
            // One entry per place: keep the strongest form.
            let first = postings.count
            for ref in group {
                if let at = postings[first...].firstIndex(where: { $0.place == ref.place }) {
                    if ref.weight > postings[at].weight { postings[at] = ref }
                } else {
                    postings.append(ref)
                }
            }
            groupStart.append(Int32(postings.count))
        }
        heads = []
        pending = []
    }

    /// The number of distinct names.
    public var nameCount: Int { groupStart.count - 1 }

    /// The postings of a group.
    @inlinable public func refs(_ group: Int32) -> ArraySlice<NameRef> {
        postings[Int(groupStart[Int(group)])..<Int(groupStart[Int(group) + 1])]
    }

    /// The group of an exact (normalised) name, if any.
    public func group(of name: [UInt32]) -> Int32? {
        guard name.count >= 1 else { return nil }
        var h = Self.seed
        for s in name { h = Self.step(h, s) }
        let v = value(h)
        let g = Int32(v >> 1) - 1
        return g >= 0 ? g : nil
    }

    @inline(__always) func isLatin(_ s: UInt32) -> Bool { MatchText.isAlnum(s) }

    /// Every name occurrence in `text`, in order of start then length; Latin names only on word boundaries.
    public func matches(in text: MatchText, into result: inout [NameMatch]) {
        let n = text.scalars.count
        guard n >= 2 else { return }
        let mask = self.mask
        text.scalars.withUnsafeBufferPointer { s in
            slots.withUnsafeBufferPointer { table in
                pairBits.withUnsafeBufferPointer { bits in
                    groupIsLatin.withUnsafeBufferPointer { latin in
                        @inline(__always) func lookup(_ h: UInt64) -> Int32 {
                            let key = h == 0 ? 1 : h
                            var i = Int(truncatingIfNeeded: (key ^ (key >> 29)) &* 0xBF58_476D_1CE4_E5B9 >> 17) & mask
                            while true {
                                let k = table[i].key
                                if k == key { return table[i].value }
                                if k == 0 { return 0 }
                                i = (i + 1) & mask
                            }
                        }
                        for i in 0..<(n - 1) {
                            let first = s[i]
                            if first == 0x20 { continue }
                            let latinStart = MatchText.isAlnum(first)
                            if latinStart && i > 0 && MatchText.isAlnum(s[i - 1]) { continue }
                            let p = Self.pairSlot(first, s[i + 1])
                            if bits[p >> 6] & (1 << UInt64(p & 63)) == 0 { continue }
                            var h = Self.step(Self.seed, first)
                            var j = i + 1
                            while j < n {
                                h = Self.step(h, s[j])
                                let v = lookup(h)
                                if v == 0 { break }
                                let g = Int32(v >> 1) - 1
                                if g >= 0 && (!latin[Int(g)] || j + 1 == n || !MatchText.isAlnum(s[j + 1])) {
                                    result.append(NameMatch(start: i, end: j + 1, group: g))
                                }
                                if v & 1 == 0 { break }
                                j += 1
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One occurrence of a gazetteer name in a text: scalar positions `start..<end` and the name's group.
public struct NameMatch: Sendable, Hashable {
    public let start: Int
    public let end: Int
    public let group: Int32

    public init(start: Int, end: Int, group: Int32) {
        self.start = start
        self.end = end
        self.group = group
    }

    public var length: Int { end - start }
}

/// A name's scalars as the index stores them: normalised like `MatchText`, ASCII punctuation as spaces.
func normalizedName(_ name: String) -> [UInt32] {
    name.unicodeScalars.map {
        let s = MatchText.normalize($0.value).0
        return s < 0x80 && !MatchText.isAlnum(s) ? 0x20 : s
    }
}

/// Drops leading and trailing spaces and collapses runs of spaces to one.
func trimSpaces(_ scalars: inout [UInt32]) {
    var out: [UInt32] = []
    out.reserveCapacity(scalars.count)
    for s in scalars {
        if s == 0x20 && (out.isEmpty || out.last == 0x20) { continue }
        out.append(s)
    }
    while out.last == 0x20 { out.removeLast() }
    scalars = out
}
