import Foundation

/// Turns one trace into its snapshot images: the only thing the export pipeline asks of the map stack.
///
/// The pipeline never parses, geocodes or draws by itself, so it can be tested with any renderer. Each worker
/// thread gets its own instance from the factory passed to `ExportPipeline`, so an implementation may hold
/// thread-confined state (an SQLite connection, a Cairo surface cache) without locking.
public protocol SnapshotRenderer {
    /// Parses `trace` (any supported trace format), renders it in every format of `formats`, in that order.
    ///
    /// - Throws: any error for a bad trace or a failed render; errors conforming to `ExportItemFailure` give the
    ///   manifest their stable code, others are recorded as `render.failed`.
    func snapshot(of trace: Data, formats: [SnapshotFormat]) throws -> Snapshot
}

/// One rendered shipment: who it is, the images, and what the map says about it.
public struct Snapshot: Sendable {
    public var carrier: String?
    public var number: String?
    /// One encoded image per requested format.
    public var images: [SnapshotFormat: Data]
    /// The shipment state's stable name (`in-transit`, `delivered`, …).
    public var state: String
    /// The share of the route travelled, 0…1, when the route builder could tell.
    public var progress: Double?
    /// Where the parcel is now, as shown on the map.
    public var currentPlace: String?

    public init(carrier: String?, number: String?, images: [SnapshotFormat: Data], state: String,
                progress: Double?, currentPlace: String?)
    {
        self.carrier = carrier
        self.number = number
        self.images = images
        self.state = state
        self.progress = progress
        self.currentPlace = currentPlace
    }
}

/// An error that knows its stable manifest code (`trace.invalid_json`, `render.size_too_large`, …).
public protocol ExportItemFailure: Error {
    /// A stable, dotted, lower-case code.
    var code: String { get }
    /// One line for a person.
    var message: String { get }
}
