import Foundation
import Geo
import Geocoding

/// Everything the renderer draws about one shipment, in map terms: stops, paths, the current position and the
/// facts for the status card. Built from a `Route` and its `GeocodedTrace` (`MapScene(route:trace:)`) or by hand.
///
/// Paths are continuous polylines with unwrapped longitudes (a leg over the Pacific goes 121° → 242°), as the
/// routing layer produces them.
public struct MapScene: Sendable, Hashable {
    /// What a stop is on the map: it decides the marker and the label's priority.
    public enum StopKind: Sendable, Hashable {
        case origin, destination, hub
        /// A stop the router predicts but no event has reached (drawn as a hub, labelled as predicted).
        case predicted
    }

    public struct Stop: Sendable, Hashable {
        public var coordinate: Coordinate
        public var name: String
        public var englishName: String?
        public var kind: StopKind
        /// The city the stop lies in (广州 for 嘉禾街道), the label at country and world views; nil for cities.
        public var cityName: String?
        public var cityEnglishName: String?
        /// The address the parcel reached and was refused at, now that it goes back: drawn apart from the
        /// sender's pin (issue 15 §4).
        public var isRefused = false

        public init(coordinate: Coordinate, name: String, englishName: String? = nil, kind: StopKind,
                    cityName: String? = nil, cityEnglishName: String? = nil) {
            self.coordinate = coordinate
            self.name = name
            self.englishName = englishName
            self.kind = kind
            self.cityName = cityName
            self.cityEnglishName = cityEnglishName
        }
    }

    public var stops: [Stop]
    /// The path already travelled, origin → current position.
    public var travelled: [Coordinate]
    /// The path still to go, current position → destination (empty when it is not known).
    public var remaining: [Coordinate]
    /// Where the parcel is now.
    public var current: Coordinate?
    public var currentName: String?
    public var currentEnglishName: String?
    public var state: ShipmentState
    /// The last event's time and the UTC offset it was given in.
    public var lastEventTime: Date?
    public var lastEventUTCOffset: Int
    /// Whether the card may name the offset: false when a foreign event came without one (the trace format then
    /// reads its clock as China's), so Milan is never shown as "UTC+8" (issue 15 §4).
    public var lastEventZoneKnown = true
    /// Travelled ÷ total distance, 0…1, when the total is known.
    public var progress: Double?
    public var remainingKm: Double?
    public var carrier: String?
    /// The carrier's English name for English cards, when known.
    public var carrierEnglish: String?
    public var number: String?
    /// The estimated delivery, shown on the card while the parcel is under way (nil: none is known).
    public var expected: ExpectedDelivery?

    public init(stops: [Stop], travelled: [Coordinate], remaining: [Coordinate], current: Coordinate?,
                currentName: String?, currentEnglishName: String? = nil, state: ShipmentState,
                lastEventTime: Date?, lastEventUTCOffset: Int = 8 * 3600, progress: Double?, remainingKm: Double?,
                carrier: String? = nil, number: String? = nil)
    {
        self.stops = stops
        self.travelled = travelled
        self.remaining = remaining
        self.current = current
        self.currentName = currentName
        self.currentEnglishName = currentEnglishName
        self.state = state
        self.lastEventTime = lastEventTime
        self.lastEventUTCOffset = lastEventUTCOffset
        self.progress = progress
        self.remainingKm = remainingKm
        self.carrier = carrier
        self.number = number
    }

    /// No event could be placed (the router says so), even if the trace's explicit origin or destination is
    /// shown: the card then says the route is unknown.
    public var noEventPlaced = false

    /// Whether the route is unknown: no event placed, or nothing at all to draw (the map is then neutral).
    public var isUnknown: Bool {
        noEventPlaced || (stops.isEmpty && current == nil && travelled.isEmpty && remaining.isEmpty)
    }

    /// Every point the view must show, on one continuous wrapping.
    var allPoints: [Coordinate] {
        var points = travelled + remaining + stops.map(\.coordinate)
        if let current { points.append(current) }
        return points
    }
}
