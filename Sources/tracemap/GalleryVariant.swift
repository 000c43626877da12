import MapRendering

/// One way the gallery draws every scenario: a size, a scale, a style and a language.
struct GalleryVariant: Sendable, Hashable {
    var width: Int
    var height: Int
    var scale: Int
    var style: String
    var language: RenderOptions.Language

    /// The set `make gallery` draws: three sizes in the default style in zh, the other styles and en at 800×600.
    static let all: [GalleryVariant] = [
        GalleryVariant(width: 300, height: 225, scale: 1, style: "default", language: .zh),
        GalleryVariant(width: 800, height: 600, scale: 1, style: "default", language: .zh),
        GalleryVariant(width: 800, height: 600, scale: 2, style: "default", language: .zh),
        GalleryVariant(width: 800, height: 600, scale: 1, style: "dark", language: .zh),
        GalleryVariant(width: 800, height: 600, scale: 1, style: "minimal", language: .zh),
        GalleryVariant(width: 800, height: 600, scale: 1, style: "default", language: .en),
        GalleryVariant(width: 300, height: 225, scale: 1, style: "dark", language: .en),
    ]

    var options: RenderOptions {
        RenderOptions(width: width, height: height, scale: scale, style: style, format: .png, language: language)
    }

    /// The file-name part and caption, e.g. `800x600@2x-default-zh`.
    var label: String { "\(width)x\(height)@\(scale)x-\(style)-\(language == .en ? "en" : "zh")" }
}
