import CCairo

/// A one-page PDF document written to memory (`cairo_pdf_surface_create_for_stream`).
public final class PDFSurface: VectorSurface {
    /// Creates a `width` × `height` point page.
    ///
    /// - Parameter creationDate: ISO 8601 (`2024-05-01T12:00:00`), written as the document's creation and
    ///   modification dates instead of the wall clock, so the same input gives the same bytes.
    public init(width: Double, height: Double, creationDate: String, title: String? = nil) throws {
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw CairoError(status: CAIRO_STATUS_INVALID_SIZE, operation: "create PDF surface \(width)×\(height)")
        }
        let sink = OutputSink()
        let pointer = cairo_pdf_surface_create_for_stream(OutputSink.write, sink.closure, width, height)!
        try super.init(owning: pointer, sink: sink, width: width, height: height,
                       operation: "create PDF surface \(width)×\(height)")
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_CREATE_DATE, creationDate)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_MOD_DATE, creationDate)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_CREATOR, "TraceMap")
        if let title { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_TITLE, title) }
        try checkStatus("set PDF metadata")
    }
}
