import Foundation
import Geo
import Geocoding

extension RouteBuilder {
    /// A stop the parcel was at, merged from consecutive events (positions in `GeocodedTrace.events`).
    struct Visit {
        var place: LocatedPlace
        var firstEvent: Int
        var lastEvent: Int
        var arrived: Date
        var lastSeen: Date

        /// Takes in the later visit `other` at the same place.
        mutating func absorb(_ other: Visit) {
            place = PlaceMatching.better(place, other.place)
            lastEvent = max(lastEvent, other.lastEvent)
            lastSeen = max(lastSeen, other.lastSeen)
        }
    }

    /// The visits of a trace: each event with a usable place joins the previous visit when it is the same place
    /// (compared with the visit's best place, so a vague event cannot drag the stop along), else starts a new one.
    static func visits(of events: [GeocodedEvent], _ settings: RouteSettings) -> [Visit] {
        var visits: [Visit] = []
        for (i, event) in events.enumerated() {
            guard let place = PlaceMatching.usable(event.place, settings) else { continue }
            let visit = Visit(place: place, firstEvent: i, lastEvent: i, arrived: event.time, lastSeen: event.time)
            if let last = visits.last, PlaceMatching.isSame(last.place, place, settings) {
                visits[visits.count - 1].absorb(visit)
            } else {
                visits.append(visit)
            }
        }
        return visits
    }

    /// `visits` without jitter: a middle visit B of A → B → A is dropped, and the two A merged, when B is within
    /// `jitterMaxKm` of A and no event from B up to the end of the second A says the parcel is going back (a short
    /// real return, like a refused delivery sent back to the depot, is kept). Repeats until nothing changes,
    /// left to right, so the result is deterministic.
    static func withoutJitter(_ visits: [Visit], returnSignals: [Bool], _ settings: RouteSettings) -> [Visit] {
        var v = visits
        var i = 1
        while i + 1 < v.count {
            let a = v[i - 1], b = v[i], c = v[i + 1]
            // Events from B's first to just before the visit after C (place-less events belong to the stop before).
            let end = i + 2 < v.count ? v[i + 2].firstEvent : returnSignals.count
            let signalled = returnSignals[b.firstEvent..<end].contains(true)
            if !signalled, PlaceMatching.isSame(a.place, c.place, settings),
               a.place.coordinate.kilometres(to: b.place.coordinate) <= settings.jitterMaxKm
            {
                v[i - 1].absorb(c)
                v.removeSubrange(i...(i + 1))
                i = max(1, i - 1)
            } else {
                i += 1
            }
        }
        return v
    }
}
