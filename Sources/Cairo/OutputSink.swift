import CCairo
import Foundation

/// Collects what Cairo writes through a `cairo_write_func_t` into `Data`.
///
/// Passed to Cairo as an unretained pointer; its owner (a vector surface, or the PNG write call) keeps it alive
/// for as long as Cairo may call back.
final class OutputSink {
    var data = Data()

    /// The C callback: appends the bytes to the sink given as closure pointer.
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<OutputSink>.fromOpaque(closure).takeUnretainedValue()
        if length > 0 {
            guard let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            sink.data.append(bytes, count: Int(length))
        }
        return CAIRO_STATUS_SUCCESS
    }

    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
