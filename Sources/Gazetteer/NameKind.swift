/// How a surface form names a place: the `kind` column of the gazetteer's `names` table.
public enum NameKind: UInt8, Sendable, Hashable, CaseIterable {
    case full, short, old, pinyin, en, zh, zhHant, iata, icao, alias, region

    /// Parses the `names.kind` text (`zh-hant` included).
    public init?(text: String) {
        switch text {
        case "full": self = .full
        case "short": self = .short
        case "old": self = .old
        case "pinyin": self = .pinyin
        case "en": self = .en
        case "zh": self = .zh
        case "zh-hant": self = .zhHant
        case "iata": self = .iata
        case "icao": self = .icao
        case "alias": self = .alias
        case "region": self = .region
        default: return nil
        }
    }

    /// Parses the kind from its UTF-8 bytes without making a string (used while loading 10⁵ rows).
    init?(utf8 b: UnsafeRawBufferPointer) {
        func equals(_ text: StaticString) -> Bool {
            guard b.count == text.utf8CodeUnitCount else { return false }
            for i in 0..<b.count where b[i] != text.utf8Start[i] { return false }
            return true
        }
        if equals("full") { self = .full }
        else if equals("short") { self = .short }
        else if equals("en") { self = .en }
        else if equals("zh") { self = .zh }
        else if equals("iata") { self = .iata }
        else if equals("icao") { self = .icao }
        else if equals("zh-hant") { self = .zhHant }
        else if equals("pinyin") { self = .pinyin }
        else if equals("alias") { self = .alias }
        else if equals("old") { self = .old }
        else if equals("region") { self = .region }
        else { return nil }
    }

    /// Whether the form is a code that is only trusted when written in capitals (HKG, ZGGG).
    @inlinable public var isCode: Bool { self == .iata || self == .icao }
}

/// One (name → place) entry of the name index.
public struct NameRef: Sendable, Hashable {
    /// The place's position in `Gazetteer.places`.
    public let place: Int32
    public let kind: NameKind
    /// The gazetteer's prior for this form (1 for official full names, lower for short or ambiguous forms).
    public let weight: Float

    public init(place: Int32, kind: NameKind, weight: Float) {
        self.place = place
        self.kind = kind
        self.weight = weight
    }
}

/// A curated word that turns the place words before it into a logistics site (转运中心, gateway, 营业部).
public struct SiteWord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A transit site: 转运中心, 中转场, 集散中心, network distribution center.
        case hub
        /// A delivery or collection outlet: 营业部, 网点.
        case outlet
        case airport
        case customs
    }

    /// Chinese as written, Latin lower-cased.
    public let word: String
    public let kind: Kind

    public init(word: String, kind: Kind) {
        self.word = word
        self.kind = kind
    }
}
