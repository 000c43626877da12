/// Text prepared for name matching: one normalised Unicode scalar per input scalar, so positions line up.
///
/// Latin letters are lower-cased (remembering which were capitals, for IATA/ICAO codes), full-width ASCII forms
/// become ASCII, ASCII punctuation other than brackets and `, ; ! ? :` becomes a space; Chinese is kept as written. Gazetteer names
/// go through the same normalisation, so "LOS ANGELES," matches the name `los angeles`.
public struct MatchText: Sendable {
    /// The normalised scalars.
    public private(set) var scalars: [UInt32]
    /// Which input scalars were upper-case Latin letters, one bit per position; empty when none was (most Chinese
    /// event texts), so such a text costs one array, not two.
    private var upperBits: [UInt64]

    /// Whether the input scalar at `position` was an upper-case Latin letter.
    @inline(__always)
    public func wasUpper(_ position: Int) -> Bool {
        let word = position >> 6
        return word < upperBits.count && upperBits[word] & (1 << UInt64(position & 63)) != 0
    }

    public init(_ text: String) {
        // The UTF-8 is decoded by hand: a Swift string is always valid UTF-8, and this is the first step of every
        // event, where the generic scalar iterator cost more than the rest of the normalisation.
        var text = text
        let capacity = text.utf8.count
        var scalars: [UInt32] = []
        scalars.reserveCapacity(capacity)
        var upper: [UInt64] = []
        text.withUTF8 { bytes in
            var i = 0
            let end = bytes.count
            while i < end {
                let b0 = UInt32(bytes[i])
                var v: UInt32
                if b0 < 0x80 {
                    v = b0
                    i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                let (n, u) = MatchText.normalize(v)
                if u {
                    if upper.isEmpty { upper = [UInt64](repeating: 0, count: (capacity + 63) / 64) }
                    let at = scalars.count
                    upper[at >> 6] |= 1 << UInt64(at & 63)
                }
                scalars.append(n)
            }
        }
        self.scalars = scalars
        self.upperBits = upper
    }

    public var count: Int { scalars.count }

    /// Replaces positions `range` with spaces (used to blank out noise before matching).
    public mutating func blank(_ range: Range<Int>) {
        for i in range where i < scalars.count { scalars[i] = 0x20 }
    }

    /// The normalised form of one scalar and whether it was an upper-case Latin letter.
    @inline(__always)
    public static func normalize(_ value: UInt32) -> (UInt32, Bool) {
        var v = value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }  // full-width ASCII forms
        if v == 0x3000 { return (0x20, false) }         // ideographic space
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return (v + 0x20, true) }
            if isAlnum(v) { return (v, false) }
            // Brackets and clause punctuation stay (the grammar reads them; no name contains them).
            switch v {
            case 0x5B, 0x5D, 0x28, 0x29, 0x2C, 0x3B, 0x21, 0x3F, 0x3A: return (v, false)  // [ ] ( ) , ; ! ? :
            default: break
            }
            return (0x20, false)
        }
        return (v, false)
    }

    /// ASCII lower-case letter or digit (after normalisation).
    @inline(__always)
    public static func isAlnum(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
    }

    /// ASCII lower-case letter (after normalisation).
    @inline(__always)
    public static func isLatinLetter(_ v: UInt32) -> Bool { v >= 0x61 && v <= 0x7A }

    /// A CJK unified ideograph (the basic block and extension A).
    @inline(__always)
    public static func isHan(_ v: UInt32) -> Bool { (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) }

    /// The substring of the normalised scalars in `range`, for messages and display.
    public func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        for i in range { if let u = Unicode.Scalar(scalars[i]) { s.append(u) } }
        return String(s)
    }
}
