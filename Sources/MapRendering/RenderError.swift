/// Why a map could not be rendered: a stable code, a message for people, and the HTTP status it maps to.
///
/// Codes are `render.*` (`render.size_too_large`, `render.unknown_style`, …); the CLI prints the message and exits
/// 1, the service answers with `httpStatus`.
public struct RenderError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        /// Width or height outside `RenderLimits` (400).
        case sizeTooLarge = "render.size_too_large"
        /// A size that is not `WxH` with positive integers (400).
        case invalidSize = "render.invalid_size"
        /// Scale not in `RenderLimits.scales` (400).
        case invalidScale = "render.invalid_scale"
        /// Format other than png, svg, pdf or gif (400).
        case unknownFormat = "render.unknown_format"
        /// Language other than zh or en (400).
        case unknownLanguage = "render.unknown_language"
        /// No style file with that name (400).
        case unknownStyle = "render.unknown_style"
        /// A style file that is malformed or has unknown keys (500: the deployment is broken).
        case invalidStyle = "render.invalid_style"
        /// The base map file is missing or unreadable (500).
        case basemapUnavailable = "render.basemap_unavailable"
        /// Cairo or the encoder failed (500).
        case drawingFailed = "render.drawing_failed"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status the service answers with.
    public var httpStatus: Int {
        switch code {
        case .sizeTooLarge, .invalidSize, .invalidScale, .unknownFormat, .unknownLanguage, .unknownStyle: return 400
        case .invalidStyle, .basemapUnavailable, .drawingFailed: return 500
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
