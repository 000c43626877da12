import HTTPServer
import MapRendering

/// Reads map options from a request's query: `size=800x600&scale=2&style=default&format=png&lang=zh`.
public enum RenderQuery {
    /// The query items that are render options; anything else (`exp`, `sig`) is left to others.
    public static let names: Set<String> = ["size", "scale", "style", "format", "lang", "animate"]

    /// `base` with every option the query gives applied, validated against `limits`.
    /// - Throws: `RenderError` for a malformed or out-of-range value (400 with its code).
    public static func options(_ items: [QueryItem], base: RenderOptions = RenderOptions(),
                               limits: RenderLimits = .default) throws -> RenderOptions
    {
        var options = base
        for item in items where names.contains(item.name) {
            switch item.name {
            case "size": (options.width, options.height) = try RenderOptions.parseSize(item.value)
            case "scale":
                guard let scale = Int(item.value) else {
                    throw RenderError(.invalidScale, "scale '\(item.value.prefix(20))' is not 1, 2 or 3")
                }
                options.scale = scale
            case "style": options.style = item.value
            case "format": options.format = try RenderOptions.Format(parsing: item.value)
            case "animate": options.animated = ["1", "true", "yes"].contains(item.value.lowercased())
            default: options.language = try RenderOptions.Language(parsing: item.value)
            }
        }
        try limits.validate(options)
        return options
    }

    /// The options as a canonical query string (fixed order), for cache keys and stored maps; `animate=1` only
    /// when set, so the keys of still maps do not change.
    public static func canonical(_ options: RenderOptions) -> String {
        "size=\(options.width)x\(options.height)&scale=\(options.scale)&style=\(options.style)"
            + "&format=\(options.format.rawValue)&lang=\(options.language.rawValue)"
            + (options.animated ? "&animate=1" : "")
    }
}
