import Foundation
import Geo

/// The aggregator format a trace came in.
public enum TraceFormat: String, Sendable, Hashable {
    case kdniaoQuery = "kdniao-query"
    case kdniaoPush = "kdniao-push"
    case kuaidi100Query = "kuaidi100-query"
    case kuaidi100Push = "kuaidi100-push"
    case native
}

/// One event as read from the input, before geocoding.
public struct TraceEvent: Sendable, Hashable {
    /// The position in the input array (Kuaidi100 lists newest first, so index 0 is its newest event).
    public var index: Int
    public var time: Date
    /// Seconds east of UTC the time was written in; +08:00 when it had no offset.
    public var utcOffsetSeconds: Int
    public var text: String
    /// The vendor's place words: Kdniao `Location`, Kuaidi100 `areaName`, native `location`.
    public var location: String?
    /// Kuaidi100 `areaCode` (`CN370112005000`).
    public var areaCode: String?
    /// Native `lat`/`lon`, WGS-84.
    public var coordinate: Coordinate?
    /// The state the vendor gave this event (Kuaidi100 `status` words such as 在途, 签收), when any.
    public var vendorState: ShipmentState?

    public init(index: Int, time: Date, utcOffsetSeconds: Int = 8 * 3600, text: String, location: String? = nil,
                areaCode: String? = nil, coordinate: Coordinate? = nil, vendorState: ShipmentState? = nil)
    {
        self.index = index
        self.time = time
        self.utcOffsetSeconds = utcOffsetSeconds
        self.text = text
        self.location = location
        self.areaCode = areaCode
        self.coordinate = coordinate
        self.vendorState = vendorState
    }
}

/// An origin or destination as given: an address string or a coordinate.
public enum TraceEndpoint: Sendable, Hashable {
    case address(String)
    case coordinate(Coordinate)
}

/// One shipment's trace as parsed from any format: events sorted by time (stable), input positions kept.
public struct Trace: Sendable, Hashable {
    public var format: TraceFormat
    public var carrier: String?
    public var number: String?
    public var events: [TraceEvent]
    public var origin: TraceEndpoint?
    public var destination: TraceEndpoint?
    /// The shipment state from the vendor's codes (Kdniao State/StateEx, Kuaidi100 state), when given.
    public var vendorState: ShipmentState?
    /// The vendor's shipment-level current location (Kdniao top-level `Location`).
    public var vendorLocation: String?

    public init(format: TraceFormat, carrier: String? = nil, number: String? = nil, events: [TraceEvent],
                origin: TraceEndpoint? = nil, destination: TraceEndpoint? = nil, vendorState: ShipmentState? = nil,
                vendorLocation: String? = nil)
    {
        self.format = format
        self.carrier = carrier
        self.number = number
        self.events = events
        self.origin = origin
        self.destination = destination
        self.vendorState = vendorState
        self.vendorLocation = vendorLocation
    }
}
