import Geo
import Geocoding

/// A parcel's route as the map draws it: stops, the legs between them, where the parcel is and how far along.
///
/// This is the contract between `RouteBuilder` and the renderer:
/// - `stops` are in route order: the visited ones (time order), then the ones ahead. `legs[i]` joins `stops[i]`
///   and `stops[i + 1]`; there are `stops.count - 1` legs, or none when `isUnknown`.
/// - Legs are `travelled` (solid), at most one `current` (solid up to `current`, dashed after), then `remaining`
///   (dashed). A route with no known next stop or destination has no remaining legs: nothing is invented.
/// - Every coordinate in `stops[].position`, `legs[].path` and `current` uses one continuous longitude unwrapping
///   (Shanghai 121.47 → Los Angeles 241.76), with the westmost longitude in −180…<180; project them with
///   `WebMercator` as they are and the route never jumps across the map. `boundingBox` covers them all.
/// - Distances are great-circle kilometres between stops; `progress = travelledKm / totalKm` (1 once delivered,
///   nil when the route's end is unknown).
public struct Route: Sendable, Hashable {
    public var stops: [RouteStop]
    public var legs: [RouteLeg]
    /// Where the parcel is: the position of the stop it is at, or a point on the current leg while it is between
    /// stops. Nil when no event placed it (`isUnknown`).
    public var current: Coordinate?
    /// The stop the parcel is at (the last visited one), unless it is between stops or unknown.
    public var currentStopIndex: Int?
    /// The leg the parcel is on, when the latest event said it left one stop for the next.
    public var currentLegIndex: Int?
    /// Travelled distance ÷ total distance along the stops, 0…1; exactly 1 once delivered, 0 when all stops are
    /// in one place. Nil when the end of the route is unknown (no destination, not delivered): there is no total
    /// to measure against, and the map should say so rather than show a number.
    public var progress: Double?
    /// Kilometres covered: travelled legs plus the covered part of the current leg.
    public var travelledKm: Double
    /// Kilometres ahead to the end of the route; nil when the end is unknown.
    public var remainingKm: Double?
    /// `travelledKm + remainingKm`; nil when the end is unknown.
    public var totalKm: Double?
    /// No event placed the parcel anywhere (none had a usable place). The route then holds at most the trace's
    /// explicit origin and destination as stops, with no legs and no `current`.
    public var isUnknown: Bool
    /// The parcel was delivered (to the consignee, or back to the sender when `isReturning`).
    public var isDelivered: Bool
    /// The parcel is going, or went, back to the sender: the last stop is then the sender (`returnTarget`).
    public var isReturning: Bool
    /// The trace's state, for the status card.
    public var state: ShipmentState
    /// The box holding every stop, path point and `current`, on the route's longitude unwrapping (see above);
    /// nil only when there are no stops.
    public var boundingBox: BoundingBox?

    public init(stops: [RouteStop], legs: [RouteLeg], current: Coordinate?, currentStopIndex: Int?,
                currentLegIndex: Int?, progress: Double?, travelledKm: Double, remainingKm: Double?, totalKm: Double?,
                isUnknown: Bool, isDelivered: Bool, isReturning: Bool, state: ShipmentState,
                boundingBox: BoundingBox?)
    {
        self.stops = stops
        self.legs = legs
        self.current = current
        self.currentStopIndex = currentStopIndex
        self.currentLegIndex = currentLegIndex
        self.progress = progress
        self.travelledKm = travelledKm
        self.remainingKm = remainingKm
        self.totalKm = totalKm
        self.isUnknown = isUnknown
        self.isDelivered = isDelivered
        self.isReturning = isReturning
        self.state = state
        self.boundingBox = boundingBox
    }

    /// The origin stop, when known.
    public var origin: RouteStop? { stops.first { $0.role == .origin } }

    /// Where the route ends: the sender for a parcel going back, else the destination, when known.
    public var destination: RouteStop? {
        stops.last { $0.role == .returnTarget } ?? stops.last { $0.role == .destination }
    }

    /// The place the status card names: the stop the parcel is at, or the stop it last left while under way.
    public var currentPlace: LocatedPlace? {
        if let i = currentStopIndex { return stops[i].place }
        if let l = currentLegIndex { return stops[legs[l].from].place }
        return nil
    }
}
