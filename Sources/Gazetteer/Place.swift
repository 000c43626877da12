import Geo

/// One gazetteer place: a Chinese administrative unit, a foreign city, a country, an airport or a region.
///
/// Mirrors a row of `places` in `geodata/gazetteer.sqlite` (see `geodata/FORMAT.md`).
public struct Place: Sendable, Hashable {
    /// The row id in the gazetteer file.
    public let id: Int
    /// The official full name: 广东省, 番禺区, Los Angeles, 美国.
    public let name: String
    /// The usual shorter form (广东, 番禺), when the name has one.
    public let shortName: String?
    /// An English or pinyin display name.
    public let nameEn: String?
    /// A simplified-Chinese display name (洛杉矶); for Chinese places the same as `name`.
    public let nameZh: String?
    public let level: PlaceLevel
    /// Adcode (CN), ISO alpha-2 (country), IATA (airport), GeoNames id (foreign city); nil for regions.
    public let code: String?
    /// ISO 3166-1 alpha-2 (CN; HK, MO, TW for those three).
    public let country: String
    /// The parent place's id: town → county → city → province → country; foreign city or airport → country.
    public let parentID: Int?
    /// For foreign cities and airports, the first-level subdivision code (US: "CA").
    public let admin1: String?
    /// WGS-84.
    public let coordinate: Coordinate
    public let population: Int
    /// How the point was obtained: seat, centroid, geonames, airport or inherited.
    public let pointQuality: String
    /// Regions only: the usual hub city (华南 → 广州市).
    public let hubID: Int?

    public init(id: Int, name: String, shortName: String? = nil, nameEn: String? = nil, nameZh: String? = nil,
                level: PlaceLevel, code: String?, country: String, parentID: Int?, admin1: String? = nil,
                coordinate: Coordinate, population: Int = 0, pointQuality: String = "seat", hubID: Int? = nil)
    {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.nameEn = nameEn
        self.nameZh = nameZh
        self.level = level
        self.code = code
        self.country = country
        self.parentID = parentID
        self.admin1 = admin1
        self.coordinate = coordinate
        self.population = population
        self.pointQuality = pointQuality
        self.hubID = hubID
    }
}
