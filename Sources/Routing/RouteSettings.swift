import Geo

/// The tunable limits of route building, with the defaults the map uses.
public struct RouteSettings: Sendable, Hashable {
    /// Places the geocoder is less sure of than this (0…1) create no stop and are not used as a next stop, an
    /// origin or a destination: a wrong stop misleads more than a missing one.
    public var minConfidence: Double
    /// Two places at most this far apart (km) are the same stop (a hub and the city it was filed under, say).
    public var mergeRadiusKm: Double
    /// A city-level place and a finer place (county, town, hub, airport) at most this far apart (km) are the same
    /// stop: the event named only the city, another named the site in it.
    public var cityRadiusKm: Double
    /// A detour A → B → A is jitter, and B is dropped, when B is at most this far (km) from A and nothing in the
    /// detour says the parcel is going back.
    public var jitterMaxKm: Double
    /// When legs are drawn as great-circle arcs and how densely.
    public var leg: GreatCircle.LegSettings
    /// Where a parcel that left A for B is put when no reference time is given: this fraction of the way (0: at A,
    /// where it was last scanned, heading for B; issue 15 §4).
    public var defaultInTransitFraction: Double
    /// With a reference time, the position is elapsed time × typical speed along the leg, kept within these bounds.
    public var inTransitFractionBounds: ClosedRange<Double>
    /// Typical door-to-door speed of a road leg (trucks, with sorting stops), km/h.
    public var roadSpeedKmh: Double
    /// Typical speed of a long-haul leg (air freight, counting ground handling), km/h.
    public var longHaulSpeedKmh: Double
    /// Legs at least this long (km), or between countries, use `longHaulSpeedKmh`.
    public var longHaulKm: Double

    public init(minConfidence: Double = 0.3, mergeRadiusKm: Double = 5, cityRadiusKm: Double = 30,
                jitterMaxKm: Double = 100, leg: GreatCircle.LegSettings = .default,
                defaultInTransitFraction: Double = 0, inTransitFractionBounds: ClosedRange<Double> = 0.05...0.9,
                roadSpeedKmh: Double = 60, longHaulSpeedKmh: Double = 500, longHaulKm: Double = 1_500)
    {
        precondition((0...1).contains(minConfidence), "minConfidence lies in 0…1")
        precondition(mergeRadiusKm >= 0 && cityRadiusKm >= 0 && jitterMaxKm >= 0, "radii must not be negative")
        precondition((0...1).contains(defaultInTransitFraction), "defaultInTransitFraction lies in 0…1")
        precondition(inTransitFractionBounds.lowerBound >= 0 && inTransitFractionBounds.upperBound <= 1,
                     "inTransitFractionBounds lie in 0…1")
        precondition(roadSpeedKmh > 0 && longHaulSpeedKmh > 0 && longHaulKm > 0, "speeds and distances are positive")
        self.minConfidence = minConfidence
        self.mergeRadiusKm = mergeRadiusKm
        self.cityRadiusKm = cityRadiusKm
        self.jitterMaxKm = jitterMaxKm
        self.leg = leg
        self.defaultInTransitFraction = defaultInTransitFraction
        self.inTransitFractionBounds = inTransitFractionBounds
        self.roadSpeedKmh = roadSpeedKmh
        self.longHaulSpeedKmh = longHaulSpeedKmh
        self.longHaulKm = longHaulKm
    }

    public static let `default` = RouteSettings()
}
