import Gazetteer
import Geo

/// Where the geocoder put the parcel (or the next stop) for one event: the `place` object of the geocode JSON.
///
/// `{"name", "level", "code", "country", "lat", "lon", "confidence", "source", "area"?}`; `lat`/`lon` are WGS-84.
public struct LocatedPlace: Sendable, Hashable {
    /// How the place was found.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case text, location
        case areaCode = "area-code"
        case coordinates, inherited
    }

    /// The display name: the gazetteer name, or the hub's own name for a logistics site ("广州番禺转运中心").
    public var name: String
    /// An English or pinyin name for `--lang en`, when known.
    public var englishName: String?
    public var level: PlaceLevel
    /// Adcode for Chinese places, ISO code for countries, IATA for airports, GeoNames id for foreign cities.
    public var code: String?
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    public var coordinate: Coordinate
    /// Between 0 and 1.
    public var confidence: Double
    public var source: Source
    /// For a logistics site (level `hub`), the name of the gazetteer place it was resolved to (金华市 for
    /// 金华中转部): what a map labels when the site is doubtful.
    public var area: String?

    /// Below this confidence a map labels a site by its `area`, not by its own name: a doubtful place is not
    /// presented as fact (issue 10, "Calibrated confidence").
    public static let siteLabelConfidence = 0.6

    public init(name: String, englishName: String? = nil, level: PlaceLevel, code: String?, country: String,
                coordinate: Coordinate, confidence: Double, source: Source)
    {
        precondition((0...1).contains(confidence), "confidence must lie in 0…1")
        self.name = name
        self.englishName = englishName
        self.level = level
        self.code = code
        self.country = country
        self.coordinate = coordinate
        self.confidence = confidence
        self.source = source
    }
}

extension LocatedPlace {
    /// A gazetteer place as it is (its display name, level and anchor point).
    init(_ gazetteer: Gazetteer, _ index: Int32, confidence: Double, source: Source) {
        let p = gazetteer[index]
        self.init(name: p.nameZh.flatMap { $0.isEmpty ? nil : $0 } ?? p.name, englishName: p.nameEn, level: p.level,
                  code: p.code, country: p.country, coordinate: gazetteer.anchor(of: index), confidence: confidence,
                  source: source)
    }

}
