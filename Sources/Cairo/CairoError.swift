import CCairo

/// A failed Cairo call: the cairo status, Cairo's own message for it, and what TraceMap was doing.
///
/// Cairo keeps errors sticky on surfaces and contexts; every place that reads a status turns a non-success into
/// this error, so nothing reports success after Cairo has failed.
public struct CairoError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The raw `cairo_status_t` value (e.g. 32 for `CAIRO_STATUS_INVALID_SIZE`).
    public let status: UInt32
    /// `cairo_status_to_string` for the status, or a message from the PNG encoder.
    public let message: String
    /// What was being done: "create image surface 0×0", "write PNG", …
    public let operation: String

    public init(status: cairo_status_t, operation: String) {
        self.status = status.rawValue
        self.message = String(cString: cairo_status_to_string(status))
        self.operation = operation
    }

    /// An error raised by TraceMap's own encoder (zlib failures), with no cairo status.
    public init(message: String, operation: String) {
        self.status = CAIRO_STATUS_WRITE_ERROR.rawValue
        self.message = message
        self.operation = operation
    }

    public var description: String { "cairo: \(operation): \(message) (status \(status))" }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(status: status, operation: operation()) }
    }
}
