import CCairo
import Foundation

extension ImageSurface {
    /// Encodes the surface as PNG with Cairo's own writer (`cairo_surface_write_to_png_stream`).
    ///
    /// Correct for every format but slow (zlib's default level, adaptive filters); `PNGEncoder` is the tuned one.
    public func cairoPNGData() throws -> Data {
        try flush()
        let sink = OutputSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(pointer, OutputSink.write, sink.closure)
        }
        try CairoError.check(status, "write PNG (cairo)")
        return sink.data
    }
}
