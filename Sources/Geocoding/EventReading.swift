import Gazetteer

/// What the grammar read in one event text: the place mentions with their roles, and the state words.
struct EventReading: Sendable {
    /// The part of the sentence a mention belongs to.
    enum Role: Sendable, Hashable {
        /// Where the parcel is (到达 B, 离开 A, A 已收件).
        case current
        /// The stop named as the next one (发往 B, 下一站 B).
        case next
        /// A leading bracket (【广州市】, [wulumuqi]): where the event was scanned, strong context.
        case context
    }

    /// One gazetteer name found in the text.
    struct Mention: Sendable {
        let start: Int
        let end: Int
        /// The name group in the gazetteer's index.
        let group: Int32
        var role: Role
        /// Whether IATA/ICAO readings of this name are allowed (written in capitals, standing alone).
        var codeAllowed: Bool
        /// The logistics site the mention is part of (its range and kind), when it is part of one.
        var site: Site?
        /// Whether an airport word (机场, 航站, airport) follows the mention inside the same site name (桃园机场).
        var beforeAirportWord = false
        /// Whether the mention is the only place name inside its bracket (【磨憨口岸】).
        var soleInBracket = false
        /// A two-letter Latin word right after the mention ("PASADENA, CA"), upper-cased: a subdivision code that
        /// tells foreign namesakes apart.
        /// Kept as two ASCII letters, not a `String`, so a mention stays a plain value (copied without retains).
        var regionLetters: (UInt8, UInt8)?

        /// The subdivision code, upper-cased ("CA"), when there is one.
        var regionCode: String? {
            guard let (a, b) = regionLetters else { return nil }
            return String(decoding: [a, b], as: UTF8.self)
        }
    }

    /// A logistics-site name: the place words before a site word and the word itself (广州番禺转运中心).
    struct Site: Sendable, Hashable {
        let start: Int
        let end: Int
        let kind: SiteWord.Kind
    }

    var mentions: [Mention] = []
    /// The state the text's words suggest, when any.
    var state: ShipmentState?
    /// Whether the text says only that the order or its data exists (运单信息已收到); see `informationOnly` in
    /// `PhraseBook.Role`. Such an event, when no state word says the parcel moved, is not placed by inheritance.
    var informationOnly = false
    /// The national postal operator the text names, as its index in `PhraseBook.postOperators`, when any; a
    /// plain integer keeps the reading free of strings to retain when it is copied.
    var postOperator: Int?
    /// That operator's country (USPS → "US").
    var operatorCountry: String? { postOperator.map { PhraseBook.postOperators[$0].1 } }
    /// Whether the text names a next stop (a 发往/下一站 marker was seen).
    var hasNextMarker = false
}
