import Foundation
import Geo
import Geocoding

extension RouteBuilder {
    /// A stop while the route is being assembled: its place, the roles that apply, and its events.
    struct Draft {
        var place: LocatedPlace
        var namedPlaces: [LocatedPlace]
        var roles: Set<RouteStop.Role> = []
        var firstEvent: Int?
        var lastEvent: Int?
        var arrived: Date?
        var lastSeen: Date?
        var isVisited: Bool
        var isReturnLeg = false

        init(place: LocatedPlace, isVisited: Bool) {
            self.place = place
            namedPlaces = [place]
            self.isVisited = isVisited
        }

        init(visit: Visit) {
            place = visit.place
            namedPlaces = visit.named
            firstEvent = visit.firstEvent
            lastEvent = visit.lastEvent
            arrived = visit.arrived
            lastSeen = visit.lastSeen
            isVisited = true
        }

        /// The one role shown, by the precedence `RouteStop.Role` documents.
        var role: RouteStop.Role {
            let order: [RouteStop.Role] = [.origin, .returnTarget, .destination, .current, .upcoming]
            return order.first { roles.contains($0) } ?? .transit
        }

        /// Whether `p` is this stop (`PlaceMatching.matches`).
        func matches(_ p: LocatedPlace, _ settings: RouteSettings) -> Bool {
            PlaceMatching.matches(p, best: place, named: namedPlaces, settings)
        }

        /// Takes `other` as another description of this stop (an explicit origin or destination, a next stop).
        mutating func merge(_ other: LocatedPlace) {
            place = PlaceMatching.better(place, other)
            if !namedPlaces.contains(other) { namedPlaces.append(other) }
        }

        func stop(position: Coordinate) -> RouteStop {
            RouteStop(place: place, namedPlaces: namedPlaces, role: role, position: position, firstEventIndex: firstEvent,
                      lastEventIndex: lastEvent, arrived: arrived, lastSeen: lastSeen, isVisited: isVisited,
                      isReturnLeg: isReturnLeg)
        }
    }
}
