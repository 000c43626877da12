import CCairo
import Foundation

/// An SVG 1.1 document written to memory (`cairo_svg_surface_create_for_stream`).
public final class SVGSurface: VectorSurface {
    /// Creates a `width` × `height` point document; a size that is not finite and positive throws
    /// (Cairo itself accepts it and writes a broken document).
    public init(width: Double, height: Double) throws {
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw CairoError(status: CAIRO_STATUS_INVALID_SIZE, operation: "create SVG surface \(width)×\(height)")
        }
        let sink = OutputSink()
        let pointer = cairo_svg_surface_create_for_stream(OutputSink.write, sink.closure, width, height)!
        try super.init(owning: pointer, sink: sink, width: width, height: height,
                       operation: "create SVG surface \(width)×\(height)")
        cairo_svg_surface_restrict_to_version(pointer, CAIRO_SVG_VERSION_1_1)
        try checkStatus("restrict SVG version")
    }

    /// Finishes the document and renumbers Cairo's `surfaceN` ids from 1 in order of appearance.
    ///
    /// Cairo 1.16 numbers surfaces process-wide, so the same drawing would otherwise differ between calls.
    public override func finish() throws -> Data {
        let raw = try super.finish()
        return SVGSurface.renumberSurfaceIDs(raw)
    }

    static func renumberSurfaceIDs(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        let marker = Array("surface".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var mapping: [String: Int] = [:]
        var i = 0
        while i < bytes.count {
            // Only ids in attribute values: preceded by a quote or '#'.
            if i > 0, bytes[i - 1] == UInt8(ascii: "\"") || bytes[i - 1] == UInt8(ascii: "#"),
               i + marker.count < bytes.count, Array(bytes[i..<(i + marker.count)]) == marker
            {
                var j = i + marker.count
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                if j > i + marker.count {
                    let number = String(decoding: bytes[(i + marker.count)..<j], as: UTF8.self)
                    let local = mapping[number] ?? (mapping.count + 1)
                    mapping[number] = local
                    out.append(contentsOf: marker)
                    out.append(contentsOf: Array(String(local).utf8))
                    i = j
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return Data(out)
    }
}
