import Geocoding

/// Whether an event says the parcel is going back to its sender (退回).
enum ReturnSignal {
    /// Phrases that mean a return to sender, in the carriers' Chinese and English wording. English is matched
    /// without regard to ASCII case.
    static let phrases = ["退回", "退件", "退还", "退返", "返回寄件", "原件返回", "return to sender", "returned to sender",
                          "returning to sender", "return to shipper", "returned to shipper"]
    static let phraseBytes: [[UInt8]] = phrases.map { Array($0.utf8) }

    static func isReturn(_ event: GeocodedEvent) -> Bool {
        if event.state == .returning { return true }
        // A byte search over UTF-8: every event of every trace goes through here, and this is many times faster
        // than Foundation's Unicode-aware `contains` while exact for these phrases (UTF-8 is self-synchronising).
        let text = Array(event.text.utf8)
        return phraseBytes.contains { occurs($0, in: text) }
    }

    /// Whether `needle` occurs in `haystack`, ASCII letters compared case-insensitively.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        outer: for start in 0...(haystack.count - needle.count) {
            for (k, b) in needle.enumerated() where lower(haystack[start + k]) != b { continue outer }
            return true
        }
        return false
    }

    /// ASCII upper-case letters to lower case; every other byte unchanged.
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
