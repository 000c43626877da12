/// Bad trace input: a stable code, a message and the HTTP status the service answers with.
///
/// The CLI prints the message and exits 1; the service maps `httpStatus` and puts `code` in the error body.
public struct TraceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The stable error codes (part of the public contract; see README "Geocoding").
    public enum Code: String, Sendable, CaseIterable {
        /// The body is not JSON.
        case invalidJSON = "trace.invalid_json"
        /// The body is not UTF-8.
        case invalidUTF8 = "trace.invalid_utf8"
        /// JSON, but none of the known shapes (Kdniao, Kuaidi100, native).
        case unknownFormat = "trace.unknown_format"
        /// A known shape with a field of the wrong type or an event without text.
        case badField = "trace.bad_field"
        /// An event time that is missing or cannot be parsed.
        case badTime = "trace.bad_time"
        /// One event text longer than `TraceLimits.maxTextBytes`.
        case textTooLong = "trace.text_too_long"
        /// More events than `TraceLimits.maxEvents`.
        case tooManyEvents = "trace.too_many_events"
        /// Latitude/longitude out of range or not numbers.
        case badCoordinates = "trace.bad_coordinates"
        /// The whole body is larger than `TraceLimits.maxBodyBytes`.
        case bodyTooLarge = "trace.body_too_large"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// 400 for bodies that are not JSON or not UTF-8, 413 for limits, 422 for JSON that is not a usable trace.
    public var httpStatus: Int {
        switch code {
        case .invalidJSON, .invalidUTF8: return 400
        case .textTooLong, .tooManyEvents, .bodyTooLarge: return 413
        case .unknownFormat, .badField, .badTime, .badCoordinates: return 422
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
