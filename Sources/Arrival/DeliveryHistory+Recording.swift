import Foundation
import Geocoding
import Routing

extension DeliveryHistory {
    /// Records the steps of one delivered shipment: each prefecture's last scan → arrival in the destination's
    /// prefecture, that arrival → delivered, and out for delivery → delivered. Traces not delivered are ignored.
    /// - Returns: whether the trace was recorded.
    @discardableResult
    public mutating func record(delivered trace: GeocodedTrace, prefectures: Prefectures,
                                cityRadiusKm: Double = DeliveryPriors.standard.cityRadiusKm) -> Bool
    {
        guard trace.state == .delivered, let done = trace.events.first(where: { $0.state == .delivered }),
              let destination = trace.destination ?? trace.events.last(where: { $0.place != nil })?.place
        else { return false }
        let carrier = trace.carrier
        let target = prefectures.prefecture(of: destination)
        func inCity(_ p: LocatedPlace) -> Bool {
            if let t = target, prefectures.prefecture(of: p)?.key == t.key { return true }
            return p.coordinate.kilometres(to: destination.coordinate) <= cityRadiusKm
        }
        let before = trace.events.filter { $0.time <= done.time && $0.state != .delivered }
        guard let arrival = before.first(where: { $0.place.map(inCity) ?? false }) else { return false }
        func hours(_ a: Date, _ b: Date) -> Double { b.timeIntervalSince(a) / 3600 }
        record(.cityToDelivered(target?.key ?? destination.name), carrier: carrier, hours: hours(arrival.time, done.time))
        record(.anyCityToDelivered, carrier: carrier, hours: hours(arrival.time, done.time))
        if let round = before.last(where: { $0.state == .outForDelivery }) {
            record(.roundToDelivered, carrier: carrier, hours: hours(round.time, done.time))
        }
        // The last scan in each prefecture before the city arrival.
        var lastScan: [String: (Date, LocatedPlace)] = [:]
        var order: [String] = []
        for e in before where e.time < arrival.time {
            guard let p = e.place, let pref = prefectures.prefecture(of: p) else { continue }
            if lastScan[pref.key] == nil { order.append(pref.key) }
            lastScan[pref.key] = (e.time, p)
        }
        let seat = target?.seat ?? destination.coordinate
        for key in order {
            guard let (time, place) = lastScan[key] else { continue }
            let h = hours(time, arrival.time)
            if let t = target { record(.leg(from: key, to: t.key), carrier: carrier, hours: h) }
            record(.legBand(Self.band(km: place.coordinate.kilometres(to: seat))), carrier: carrier, hours: h)
        }
        return true
    }
}
