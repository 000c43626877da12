import CCairo

/// A surface of pixels in memory (`cairo_image_surface_create`).
public final class ImageSurface: Surface {
    /// The pixel layouts TraceMap uses. Both are 32 bits per pixel in native byte order.
    public enum Format: Sendable {
        /// Premultiplied alpha, red, green, blue.
        case argb32
        /// Opaque: the top byte is unused.
        case rgb24

        var cairo: cairo_format_t { self == .argb32 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24 }
    }

    public let format: Format
    public let width: Int
    public let height: Int

    /// Creates a surface of `width` × `height` pixels, cleared to transparent black.
    ///
    /// Throws `CairoError` (`CAIRO_STATUS_INVALID_SIZE`) when a side is negative or beyond Cairo's 32767 limit.
    public init(format: Format, width: Int, height: Int) throws {
        let w = Int32(clamping: width), h = Int32(clamping: height)
        let pointer = cairo_image_surface_create(format.cairo, w, h)!
        self.format = format
        self.width = width
        self.height = height
        try super.init(owning: pointer, operation: "create image surface \(width)×\(height)")
    }

    /// Takes ownership of an image surface Cairo created elsewhere (e.g. decoded from PNG).
    init(adopting pointer: OpaquePointer, operation: @autoclosure () -> String) throws {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(pointer)
            throw CairoError(status: status, operation: operation())
        }
        self.format = cairo_image_surface_get_format(pointer) == CAIRO_FORMAT_RGB24 ? .rgb24 : .argb32
        self.width = Int(cairo_image_surface_get_width(pointer))
        self.height = Int(cairo_image_surface_get_height(pointer))
        try super.init(owning: pointer, operation: operation())
    }

    /// Bytes from one row to the next.
    public var stride: Int { Int(cairo_image_surface_get_stride(pointer)) }

    /// Calls `body` with the pixels (rows of `stride` bytes, each pixel a native-endian UInt32), after flushing.
    public func withPixels<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try flush()
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw CairoError(status: CAIRO_STATUS_NULL_POINTER, operation: "read image surface pixels")
        }
        return try body(UnsafeRawBufferPointer(start: data, count: stride * height))
    }

    /// The pixel at (`x`, `y`) as 0xAARRGGBB (premultiplied for `.argb32`; alpha forced to 0xFF for `.rgb24`).
    public func pixel(x: Int, y: Int) throws -> UInt32 {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel out of bounds")
        return try withPixels { bytes in
            let value = bytes.load(fromByteOffset: y * stride + x * 4, as: UInt32.self)
            return format == .rgb24 ? value | 0xFF00_0000 : value
        }
    }
}
