/// The kind of a place, as the gazetteer and the geocode JSON name it.
public enum PlaceLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case country, province, city, county, town, hub, airport
    case foreignCity = "foreign-city"
    case region

    /// How fine the level is, larger is finer: used to prefer the most specific mention.
    public var fineness: Int {
        switch self {
        case .country: return 0
        case .region: return 1
        case .province: return 2
        case .city, .foreignCity: return 3
        case .county, .airport: return 4
        case .town: return 5
        case .hub: return 6
        }
    }
}
