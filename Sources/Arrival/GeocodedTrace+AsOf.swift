import Foundation
import Geocoding

extension GeocodedTrace {
    /// The trace as it stood at `time`: only the events up to it, the state their latest stated one.
    ///
    /// A destination the geocoder took from the delivery scan (no explicit one, `delivered`) is future knowledge and
    /// is dropped unless `keepingDestination`, which an evaluation uses to stand for the consignee's address.
    public func asOf(_ time: Date, keepingDestination: Bool = false) -> GeocodedTrace {
        let kept = events.filter { $0.time <= time }
        let derived = state == .delivered && destination != nil
            && destination == events.last(where: { $0.place != nil })?.place
        let state = kept.last(where: { $0.state != nil })?.state ?? (kept.isEmpty ? .unknown : .inTransit)
        let keepDestination = keepingDestination || !derived || kept.count == events.count
        return GeocodedTrace(carrier: carrier, number: number, events: kept, origin: origin,
                             destination: keepDestination ? destination : nil, state: state)
    }
}
