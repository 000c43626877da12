import Foundation
import Geo
import Geocoding

/// One stop of a route: a place the parcel was at (merged from consecutive events), or one it is headed for.
///
/// Stops are in route order: the visited stops in time order, then the stops still ahead (the named next stop,
/// then the destination or, for a parcel going back, the sender). `isVisited` separates the two groups.
public struct RouteStop: Sendable, Hashable {
    /// What a stop is on the route; each stop has exactly one role.
    ///
    /// When several apply, the first in this order wins: `origin`, `returnTarget`, `destination`, `current`,
    /// `upcoming`, `transit`. So a parcel still at its origin has an `origin` stop (and `Route.currentStopIndex`
    /// points at it), and a parcel out for delivery at its destination has a `destination` stop.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Where the parcel started: the trace's explicit origin, or the first visited stop.
        case origin
        /// A visited hub or city on the way.
        case transit
        /// The visited stop where the parcel is now (not set while it is between stops).
        case current
        /// The named next stop (发往…, 下一站…) the parcel is travelling to; not visited yet.
        case upcoming
        /// The destination: the explicit one, or the delivery place once delivered.
        case destination
        /// The sender, the end of a parcel going back (退回): reached or still ahead.
        case returnTarget = "return-target"
    }

    /// The place, as the geocoder located it. For a merged stop, the most specific of its events' places
    /// (finest `PlaceLevel`, then highest confidence, then earliest).
    public var place: LocatedPlace
    /// Every place that described this stop, first seen first (always holds `place`): the events' places, and the
    /// explicit origin or destination when it was this stop. A label can pick the level that suits the view, e.g.
    /// the city ("广州市") on a country map where `place` is a town in it.
    public var namedPlaces: [LocatedPlace]
    /// The prefecture-level city the stop lies in ("广州", "Guangzhou" for 嘉禾街道 or 广州白云转运中心), short form:
    /// what a map labels it by at country and world views. Nil for cities and coarser places, and until the
    /// pipeline (which has the gazetteer) sets it.
    public var city: String?
    public var cityEnglish: String?
    public var role: Role
    /// Where to draw the stop: `place.coordinate` with its longitude unwrapped to continue the route (it may lie
    /// beyond ±180°, e.g. 241.76 for Los Angeles after Shanghai). Legs start and end exactly here.
    public var position: Coordinate
    /// Positions in `GeocodedTrace.events` (not `GeocodedEvent.index`) of the first and last event placed at this
    /// stop; nil for stops that no event placed the parcel at (an explicit origin, the next stop, the destination).
    public var firstEventIndex: Int?
    public var lastEventIndex: Int?
    /// The time of the first event at this stop, when there is one.
    public var arrived: Date?
    /// The time of the last event at this stop, when there is one.
    public var lastSeen: Date?
    /// Whether the parcel has been here. The origin counts as visited; the stops ahead are not.
    public var isVisited: Bool
    /// Whether the stop is on the way back to the sender (reached after the return began, or ahead of a parcel
    /// going back).
    public var isReturnLeg: Bool

    public init(place: LocatedPlace, namedPlaces: [LocatedPlace], role: Role, position: Coordinate, firstEventIndex: Int?, lastEventIndex: Int?,
                arrived: Date?, lastSeen: Date?, isVisited: Bool, isReturnLeg: Bool)
    {
        self.place = place
        self.namedPlaces = namedPlaces
        self.role = role
        self.position = position
        self.firstEventIndex = firstEventIndex
        self.lastEventIndex = lastEventIndex
        self.arrived = arrived
        self.lastSeen = lastSeen
        self.isVisited = isVisited
        self.isReturnLeg = isReturnLeg
    }
}
