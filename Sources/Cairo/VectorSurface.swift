import Foundation

/// A surface that writes a document (SVG or PDF) into memory; the document is complete after `finish()`.
public class VectorSurface: Surface {
    /// Width and height in points (1/72 in); TraceMap uses one point per CSS pixel.
    public let width: Double
    public let height: Double
    let sink: OutputSink

    init(owning pointer: OpaquePointer, sink: OutputSink, width: Double, height: Double,
         operation: @autoclosure () -> String) throws
    {
        self.sink = sink
        self.width = width
        self.height = height
        try super.init(owning: pointer, operation: operation())
    }

    /// Writes the document's trailer and returns the whole document. Drawing afterwards is an error.
    ///
    /// Calling it twice is a programming error.
    public func finish() throws -> Data {
        precondition(!isFinished, "finish() called twice")
        try finishSurface()
        return sink.data
    }
}
