import CCairo
import Foundation

/// Feeds `Data` to `cairo_image_surface_create_from_png_stream`.
private final class InputSource {
    let data: Data
    var offset = 0
    init(_ data: Data) { self.data = data }

    static let read: cairo_read_func_t = { closure, buffer, length in
        guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<InputSource>.fromOpaque(closure).takeUnretainedValue()
        let n = Int(length)
        guard source.offset + n <= source.data.count else { return CAIRO_STATUS_READ_ERROR }
        source.data.copyBytes(to: buffer, from: source.offset..<(source.offset + n))
        source.offset += n
        return CAIRO_STATUS_SUCCESS
    }
}

extension ImageSurface {
    /// Decodes a PNG (any colour type) into a new surface; used to compare rendered images with references.
    ///
    /// Throws `CairoError` for data that is not a readable PNG.
    public convenience init(png: Data) throws {
        let source = InputSource(png)
        let pointer = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(InputSource.read,
                                                       Unmanaged.passUnretained(source).toOpaque())!
        }
        try self.init(adopting: pointer, operation: "decode PNG (\(png.count) bytes)")
    }
}
