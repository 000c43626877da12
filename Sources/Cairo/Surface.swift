import CCairo

/// A Cairo surface owned by this object: created with its status checked, destroyed on deinit.
///
/// Subclasses are the concrete kinds (`ImageSurface`, `SVGSurface`, `PDFSurface`). A surface is confined to one
/// thread at a time, like the Cairo object it wraps.
public class Surface {
    /// The `cairo_surface_t *` this object owns.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`; throws (and releases it) when Cairo created it in an error state.
    init(owning pointer: OpaquePointer, operation: @autoclosure () -> String) throws {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(pointer)
            throw CairoError(status: status, operation: operation())
        }
        self.pointer = pointer
    }

    deinit { cairo_surface_destroy(pointer) }

    /// Throws the surface's sticky error, if it has one.
    public func checkStatus(_ operation: @autoclosure () -> String = "surface") throws {
        try CairoError.check(cairo_surface_status(pointer), operation())
    }

    /// Completes pending drawing so the pixels or the output stream are up to date.
    public func flush() throws {
        cairo_surface_flush(pointer)
        try checkStatus("flush surface")
    }

    /// Whether `finish()` has run: drawing on a finished surface is an error.
    public private(set) var isFinished = false

    /// Finishes the surface: vector surfaces write their trailer; any later drawing fails with
    /// `CAIRO_STATUS_SURFACE_FINISHED`.
    func finishSurface() throws {
        try checkStatus("before finishing surface")
        cairo_surface_finish(pointer)
        isFinished = true
        try checkStatus("finish surface")
    }
}

@available(*, unavailable) extension Surface: Sendable {}
