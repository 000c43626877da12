import Geo

/// The way between two consecutive stops, with the path to draw.
public struct RouteLeg: Sendable, Hashable {
    /// How much of the leg the parcel has covered.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Covered: both ends visited. Drawn solid.
        case travelled
        /// Under way: the parcel left `from` for `to` and is somewhere between (`Route.current`). The part up to
        /// the parcel is drawn solid, the rest dashed; `travelledPath` and `remainingPath` give the two parts.
        case current
        /// Still ahead. Drawn dashed.
        case remaining
    }

    /// Indices into `Route.stops`; `to == from + 1`.
    public var from: Int
    public var to: Int
    /// The polyline to draw, from `stops[from].position` to `stops[to].position`, longitudes unwrapped and
    /// continuous. Long legs (≥ `RouteSettings.leg.longLegKm`, or between countries) are densified great-circle
    /// arcs; others are the two end points.
    public var path: [Coordinate]
    public var kind: Kind
    /// Great-circle length of the leg (between its end stops), in kilometres.
    public var lengthKm: Double
    /// The covered fraction: 1 for travelled legs, 0 for remaining ones, 0…1 for the current one.
    public var travelledFraction: Double
    /// Whether the ends are in different countries (the leg is then an arc whenever it is not very short).
    public var crossesBorder: Bool
    /// Whether the leg is part of the way back to the sender.
    public var isReturnLeg: Bool

    public init(from: Int, to: Int, path: [Coordinate], kind: Kind, lengthKm: Double, travelledFraction: Double,
                crossesBorder: Bool, isReturnLeg: Bool)
    {
        precondition(path.count >= 2, "a leg path has at least two points")
        precondition((0...1).contains(travelledFraction), "a travelled fraction lies in 0…1")
        self.from = from
        self.to = to
        self.path = path
        self.kind = kind
        self.lengthKm = lengthKm
        self.travelledFraction = travelledFraction
        self.crossesBorder = crossesBorder
        self.isReturnLeg = isReturnLeg
    }

    /// The covered distance on this leg, in kilometres.
    public var travelledKm: Double { lengthKm * travelledFraction }

    /// The part of `path` the parcel has covered (the whole path, the part up to `Route.current`, or nothing).
    public var travelledPath: [Coordinate] {
        switch kind {
        case .travelled: return path
        case .remaining: return []
        case .current: return Polyline.split(path, atKm: Polyline.lengthKm(of: path) * travelledFraction).before
        }
    }

    /// The part of `path` still ahead (nothing, the part from `Route.current` on, or the whole path).
    public var remainingPath: [Coordinate] {
        switch kind {
        case .travelled: return []
        case .remaining: return path
        case .current: return Polyline.split(path, atKm: Polyline.lengthKm(of: path) * travelledFraction).after
        }
    }
}
