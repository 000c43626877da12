import Foundation
import Geo
import Geocoding

extension RouteBuilder {
    /// A stop the parcel was at, merged from consecutive events (positions in `GeocodedTrace.events`).
    struct Visit {
        /// The place that describes the stop best (`PlaceMatching.better`).
        var place: LocatedPlace
        /// Every place the stop's events named, first seen first: "广州市", then the airport and a town in it all
        /// describe one stop, and a later event may match any of them that is city-level or finer.
        var named: [LocatedPlace]
        var firstEvent: Int
        var lastEvent: Int
        var arrived: Date
        var lastSeen: Date

        init(place: LocatedPlace, event: Int, time: Date) {
            self.place = place
            named = [place]
            firstEvent = event
            lastEvent = event
            arrived = time
            lastSeen = time
        }

        /// Whether `p` is this stop (`PlaceMatching.matches`).
        func matches(_ p: LocatedPlace, _ settings: RouteSettings) -> Bool {
            PlaceMatching.matches(p, best: place, named: named, settings)
        }

        /// Takes in the later visit `other` at the same place.
        mutating func absorb(_ other: Visit) {
            place = PlaceMatching.better(place, other.place)
            for p in other.named where !named.contains(p) { named.append(p) }
            lastEvent = max(lastEvent, other.lastEvent)
            lastSeen = max(lastSeen, other.lastSeen)
        }
    }

    /// The visits of a trace: each event with a usable place joins the previous visit when it matches it
    /// (`Visit.matches`), else starts a new one.
    static func visits(of events: [GeocodedEvent], _ settings: RouteSettings) -> [Visit] {
        var visits: [Visit] = []
        for (i, event) in events.enumerated() {
            guard let place = PlaceMatching.usable(event.place, settings) else { continue }
            let visit = Visit(place: place, event: i, time: event.time)
            if let last = visits.last, last.matches(place, settings) {
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
            if !signalled, a.matches(c.place, settings) || c.matches(a.place, settings),
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
