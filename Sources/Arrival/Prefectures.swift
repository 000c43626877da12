import Gazetteer
import Geo
import Geocoding

/// Finds the prefecture (地级市, or a province-level municipality) a located place lies in, and its seat.
///
/// A Chinese place with an adcode climbs the gazetteer to its `city` ancestor (a municipality's district stops at
/// the province: 北京市); a hub or a place without a code takes the nearest county or city point. Places abroad
/// are their own "prefecture", keyed by country and name.
public struct Prefectures: Sendable {
    /// One prefecture: a stable key for history tables, a name and the seat's point.
    public struct Prefecture: Sendable, Hashable {
        /// The adcode of the prefecture (`330100`), or `country:name` abroad.
        public var key: String
        public var name: String
        public var seat: Coordinate
    }

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// The prefecture of a place, or nil when the gazetteer cannot place it.
    public func prefecture(of place: LocatedPlace) -> Prefecture? {
        guard place.country == "CN" else {
            return Prefecture(key: "\(place.country):\(place.name)", name: place.name, seat: place.coordinate)
        }
        var index: Int32?
        if let code = place.code { index = gazetteer.place(adcode: code) }
        if index == nil, place.level != .province, place.level != .region, place.level != .country {
            index = gazetteer.nearest(to: place.coordinate, levels: [.county, .city])
        }
        guard let at = index else { return nil }
        guard let p = gazetteer.enclosing(at, level: .city) ?? gazetteer.enclosing(at, level: .province) else {
            return nil
        }
        let seat = gazetteer[p]
        let name = seat.nameZh.flatMap { $0.isEmpty ? nil : $0 } ?? seat.name
        return Prefecture(key: seat.code ?? "id:\(seat.id)", name: name, seat: gazetteer.anchor(of: p))
    }
}
