import Foundation
import Geo
import Geocoding
import Routing

extension DeliveryEstimator {
    /// Where a parcel stands relative to its destination, as the step choice needs it.
    struct Situation {
        let trace: GeocodedTrace
        let route: Route
        let last: GeocodedEvent
        let destination: LocatedPlace
        /// The destination's prefecture, when the gazetteer places it.
        let prefecture: Prefectures.Prefecture?
        /// The destination is abroad, or some event was outside the destination's country.
        let crossBorder: Bool
        /// The first event in the destination's prefecture (or within `cityRadiusKm` of the destination).
        let cityArrival: GeocodedEvent?

        init(trace: GeocodedTrace, route: Route, last: GeocodedEvent, destination: LocatedPlace,
             prefecture: Prefectures.Prefecture?, estimator: DeliveryEstimator)
        {
            self.trace = trace
            self.route = route
            self.last = last
            self.destination = destination
            self.prefecture = prefecture
            crossBorder = destination.country != "CN"
                || trace.events.contains { $0.place.map { $0.country != destination.country } ?? false }
            func inCity(_ p: LocatedPlace) -> Bool {
                if let d = prefecture, estimator.prefectures.prefecture(of: p)?.key == d.key { return true }
                return p.coordinate.kilometres(to: destination.coordinate) <= estimator.priors.cityRadiusKm
            }
            cityArrival = trace.events.first { $0.place.map(inCity) ?? false }
        }

        /// The destination's prefecture seat (the predicted sorting hub), or the destination itself.
        var seat: Coordinate { prefecture?.seat ?? destination.coordinate }
    }

    /// When the remaining time starts, its steps, and the most past shipments any step drew on:
    /// out for delivery → delivered; else city arrival → delivered; else the linehaul leg, then the last mile.
    func remainingSteps(_ s: Situation, history: DeliveryHistory, offset: Int) -> (Date, [LogNormal], Int) {
        let carrier = s.trace.carrier
        let cityPrior = s.crossBorder ? priors.abroadCityToDelivered : priors.cityToDelivered
        var cityKeys: [DeliveryHistory.Step] = [.anyCityToDelivered]
        if let d = s.prefecture { cityKeys.insert(.cityToDelivered(d.key), at: 0) }
        if s.last.state == .outForDelivery {
            let (round, n) = history.blend(priors.roundToDelivered, [.roundToDelivered], carrier: carrier)
            return (s.last.time, [round], n)
        }
        if let arrival = s.cityArrival {
            let (city, n) = history.blend(cityPrior, cityKeys, carrier: carrier)
            return (arrival.time, [city], n)
        }
        let here = s.trace.events.last(where: { $0.place != nil })?.place
        let position = here?.coordinate ?? s.route.current ?? s.route.origin?.place.coordinate ?? s.seat
        // Through the named next stop (发往 X) when the latest event gave one: the parcel goes there first.
        let km = s.last.next.map { position.kilometres(to: $0.coordinate) + $0.coordinate.kilometres(to: s.seat) }
            ?? position.kilometres(to: s.seat)
        var start = s.last.time
        let hour = LocalClock.hour(start, offset: offset)
        // Linehaul runs overnight: on the collection day the parcel leaves its first stop in the evening.
        if s.route.stops.filter(\.isVisited).count <= 1, hour >= 6, hour < priors.linehaulDepartureHour {
            start = LocalClock.sameDay(start, hour: priors.linehaulDepartureHour, offset: offset)
        }
        var legKeys: [DeliveryHistory.Step] = [.legBand(DeliveryHistory.band(km: km))]
        if let from = here.flatMap(prefectures.prefecture(of:)), let to = s.prefecture {
            legKeys.insert(.leg(from: from.key, to: to.key), at: 0)
        }
        var prior = priors.leg(km: km, carrierClass: priors.carrierClass(carrier))
        if s.crossBorder { prior.sigma = priors.crossBorderLegSigma }
        let (leg, n) = history.blend(prior, legKeys, carrier: carrier)
        let (city, m) = history.blend(cityPrior, cityKeys, carrier: carrier)
        return (start, [leg, city], max(n, m))
    }
}
