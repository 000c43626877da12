import Foundation

/// One event of a trace after geocoding, in time order.
public struct GeocodedEvent: Sendable, Hashable {
    /// The event's position in the input.
    public var index: Int
    /// The event time as an instant.
    public var time: Date
    /// The offset the time was given in (seconds east of UTC); +08:00 when the input had none.
    public var utcOffsetSeconds: Int
    public var text: String
    /// Where the parcel is at this event.
    public var place: LocatedPlace?
    /// The stop named as the next one (发往, 下一站, …).
    public var next: LocatedPlace?
    /// The state this single event suggests, when it suggests one.
    public var state: ShipmentState?

    public init(index: Int, time: Date, utcOffsetSeconds: Int = 8 * 3600, text: String,
                place: LocatedPlace?, next: LocatedPlace?, state: ShipmentState? = nil)
    {
        self.index = index
        self.time = time
        self.utcOffsetSeconds = utcOffsetSeconds
        self.text = text
        self.place = place
        self.next = next
        self.state = state
    }
}

/// A whole trace after geocoding: what the route builder and the renderer consume.
public struct GeocodedTrace: Sendable, Hashable {
    /// The time of the latest event (events need not come in order), nil when there are none.
    public var latestEventTime: Date? { events.map(\.time).max() }

    public var carrier: String?
    public var number: String?
    /// Events in time order (stable for equal times).
    public var events: [GeocodedEvent]
    public var origin: LocatedPlace?
    public var destination: LocatedPlace?
    public var state: ShipmentState

    public init(carrier: String? = nil, number: String? = nil, events: [GeocodedEvent],
                origin: LocatedPlace?, destination: LocatedPlace?, state: ShipmentState)
    {
        self.carrier = carrier
        self.number = number
        self.events = events
        self.origin = origin
        self.destination = destination
        self.state = state
    }
}
