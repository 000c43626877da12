import Geo

/// A city drawn for context: a small dot and its name, chosen by rank for the zoom the map is drawn at.
///
/// The composition point builds these from the gazetteer (levels and populations); the renderer only draws them,
/// after every route label, where they fit (issue 15 §1).
public struct MapPlace: Sendable, Hashable {
    /// How important a place is, which decides the widest view that still shows it.
    public enum Rank: Int, Sendable, Comparable, CaseIterable {
        /// National capitals and the world's largest cities: world views.
        case world = 0
        /// Provincial capitals and other cities of a million or more: country views.
        case major
        /// Prefecture seats and foreign cities of a few hundred thousand: views of a few provinces.
        case prefecture
        /// County seats and districts: province and city views.
        case county

        public static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }

    /// The Chinese label (nil: the place has no Chinese name and is not shown on Chinese maps).
    public var name: String?
    /// The English or pinyin label (nil: not shown on English maps).
    public var englishName: String?
    public var coordinate: Coordinate
    public var rank: Rank
    /// Orders places within a rank (larger first); 0 when unknown.
    public var population: Int
    /// A national or provincial capital: tried before larger cities of its rank (Manila before Quezon City).
    public var isCapital: Bool

    public init(name: String?, englishName: String?, coordinate: Coordinate, rank: Rank, population: Int = 0,
                isCapital: Bool = false) {
        self.name = name
        self.englishName = englishName
        self.coordinate = coordinate
        self.rank = rank
        self.population = population
        self.isCapital = isCapital
    }

    /// The widest view (lowest zoom) at which a rank is shown.
    public static func minimumZoom(for rank: Rank) -> Double {
        switch rank {
        case .world: 0
        case .major: 3.4
        case .prefecture: 5.8
        case .county: 8.2
        }
    }
}
