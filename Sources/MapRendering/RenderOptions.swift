/// What to render: size in CSS pixels, device-pixel scale, style name, output format and label language.
public struct RenderOptions: Sendable, Hashable {
    /// The output formats and their MIME types.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case png, svg, pdf, gif

        public var contentType: String {
            switch self {
            case .png: return "image/png"
            case .svg: return "image/svg+xml"
            case .pdf: return "application/pdf"
            case .gif: return "image/gif"
            }
        }

        /// Parses `png`, `svg`, `pdf` or `gif` (any case) or throws `render.unknown_format`.
        public init(parsing text: String) throws {
            guard let format = Format(rawValue: text.lowercased()) else {
                throw RenderError(.unknownFormat, "unknown format '\(text)' (expected png, svg, pdf or gif)")
            }
            self = format
        }
    }

    /// The language of labels and the status card.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        case zh, en

        /// Parses `zh` or `en` or throws `render.unknown_language`.
        public init(parsing text: String) throws {
            guard let language = Language(rawValue: text.lowercased()) else {
                throw RenderError(.unknownLanguage, "unknown language '\(text)' (expected zh or en)")
            }
            self = language
        }
    }

    public var width: Int
    public var height: Int
    /// Device pixels per CSS pixel (1, 2 or 3): the same layout with more pixels.
    public var scale: Int
    /// A style name, resolved to `styles/NAME.json`.
    public var style: String
    public var format: Format
    public var language: Language
    /// Whether to draw the status card (when the style has one); the tracking page shows its own in HTML.
    public var card: Bool
    /// Whether the marker travels along the path: SMIL `<animateMotion>` in SVG; GIF is always animated.
    public var animated: Bool = false

    public init(width: Int = 800, height: Int = 600, scale: Int = 1, style: String = "default",
                format: Format = .png, language: Language = .zh, card: Bool = true)
    {
        self.card = card
        self.width = width
        self.height = height
        self.scale = scale
        self.style = style
        self.format = format
        self.language = language
    }

    /// Parses a size written `WIDTHxHEIGHT` (`800x600`) or throws `render.invalid_size`.
    public static func parseSize(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else {
            throw RenderError(.invalidSize, "size '\(text)' is not WIDTHxHEIGHT in pixels, e.g. 800x600")
        }
        return (w, h)
    }
}
