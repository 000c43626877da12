import Foundation

/// A finished map: the encoded bytes and their MIME type.
public struct RenderedImage: Sendable, Hashable {
    public var data: Data
    public var contentType: String
    /// Output size in device pixels (or points for SVG and PDF).
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// The route in the image's own CSS-pixel units, for overlays drawn over it (the tracking page's marker).
    public var overlay: MapOverlay?

    public init(data: Data, contentType: String, pixelWidth: Int, pixelHeight: Int, overlay: MapOverlay? = nil) {
        self.overlay = overlay
        self.data = data
        self.contentType = contentType
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
}
