import CPNG
import Foundation

/// A fast PNG encoder for image surfaces, writing the chunks itself and compressing with zlib directly.
///
/// Cairo's `cairo_surface_write_to_png_stream` uses libpng's defaults (adaptive filtering, zlib level 6), which
/// takes about 20 ms for an 800×600 map. Maps are flat colours with antialiased edges, so a palette (when the
/// image has at most 256 colours), a cheap filter and a low zlib level lose little size and save most of the time.
/// libpng reports errors by `longjmp`, which Swift cannot catch; writing the chunks (PNG spec §5) over zlib keeps
/// every failure a returned code that becomes a thrown `CairoError`.
public struct PNGEncoder: Sendable, Hashable {
    /// The per-row filter (PNG spec §9). `.adaptive` picks, per row, the filter with the smallest sum of
    /// absolute differences, as libpng does.
    public enum Filter: UInt8, Sendable, Hashable, CaseIterable {
        case none = 0, sub = 1, up = 2, average = 3, paeth = 4
        case adaptive = 255
    }

    /// zlib's strategy (`Z_DEFAULT_STRATEGY`, `Z_FILTERED`, `Z_RLE`).
    public enum Strategy: Sendable, Hashable, CaseIterable {
        case standard, filtered, runLength

        var zlib: Int32 {
            switch self {
            case .standard: return Z_DEFAULT_STRATEGY
            case .filtered: return Z_FILTERED
            case .runLength: return Z_RLE
            }
        }
    }

    /// Filter for true-colour output.
    public var filter: Filter
    /// Filter for indexed output (the spec recommends none for palette images).
    public var paletteFilter: Filter
    /// zlib level, 0…9.
    public var compressionLevel: Int
    public var strategy: Strategy
    /// Write an indexed PNG when the image has at most 256 distinct colours.
    public var allowPalette: Bool
    /// Also reduce images with more colours to a 256-colour palette (lossy on antialiased edges only; see
    /// `PaletteImage`). Needs `allowPalette`.
    public var quantize: Bool

    public init(filter: Filter = .up, paletteFilter: Filter = .none, compressionLevel: Int = 3,
                strategy: Strategy = .standard, allowPalette: Bool = true, quantize: Bool = false)
    {
        precondition((0...9).contains(compressionLevel), "zlib compression level must be 0…9")
        self.filter = filter
        self.paletteFilter = paletteFilter
        self.compressionLevel = compressionLevel
        self.strategy = strategy
        self.allowPalette = allowPalette
        self.quantize = quantize
    }

    /// Encodes `surface` as PNG: RGB for `.rgb24`, RGBA (un-premultiplied) for `.argb32`, or indexed.
    public func encode(_ surface: ImageSurface) throws -> Data {
        let width = surface.width, height = surface.height
        guard width > 0, height > 0 else {
            throw CairoError(message: "a PNG needs at least one pixel, got \(width)×\(height)", operation: "encode PNG")
        }
        let hasAlpha = surface.format == .argb32
        return try surface.withPixels { bytes -> Data in
            let stride = surface.stride
            if allowPalette, let indexed = PaletteImage(pixels: bytes, width: width, height: height, stride: stride,
                                                        keepAlpha: hasAlpha, quantize: quantize)
            {
                let raw = indexed.indices
                let filtered = ScanlineFilter.apply(paletteFilter, raw: raw, width: width, height: height,
                                                    bytesPerPixel: 1)
                return try assemble(width: width, height: height, colourType: 3, filtered: filtered,
                                    palette: indexed.palette, hasAlpha: hasAlpha)
            }
            let bpp = hasAlpha ? 4 : 3
            var raw = [UInt8](repeating: 0, count: width * height * bpp)
            raw.withUnsafeMutableBufferPointer { out in
                var o = 0
                for y in 0..<height {
                    let row = bytes.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let p = row[x]
                        var a = (p >> 24) & 0xFF, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        if hasAlpha {
                            if a == 0 { r = 0; g = 0; b = 0 } else if a < 255 {
                                r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                            }
                        } else { a = 255 }
                        out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b)
                        if hasAlpha { out[o + 3] = UInt8(a) }
                        o += bpp
                    }
                }
            }
            let filtered = ScanlineFilter.apply(filter, raw: raw, width: width, height: height, bytesPerPixel: bpp)
            return try assemble(width: width, height: height, colourType: hasAlpha ? 6 : 2, filtered: filtered,
                                palette: [], hasAlpha: hasAlpha)
        }
    }

    private func assemble(width: Int, height: Int, colourType: UInt8, filtered: [UInt8], palette: [UInt32],
                          hasAlpha: Bool) throws -> Data
    {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, colourType, 0, 0, 0])  // depth 8, deflate, adaptive filtering, no interlace
        png.appendChunk("IHDR", header)
        if colourType == 3 {
            var plte = Data(capacity: palette.count * 3)
            for c in palette { plte.append(contentsOf: [UInt8((c >> 16) & 0xFF), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)]) }
            png.appendChunk("PLTE", plte)
            if hasAlpha, palette.contains(where: { $0 >> 24 != 0xFF }) {
                png.appendChunk("tRNS", Data(palette.map { UInt8($0 >> 24) }))
            }
        }
        png.appendChunk("IDAT", try deflate(filtered))
        png.appendChunk("IEND", Data())
        return png
    }

    private func deflate(_ input: [UInt8]) throws -> Data {
        var stream = z_stream()
        var status = deflateInit2_(&stream, Int32(compressionLevel), Z_DEFLATED, 15, 8, strategy.zlib,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw zlibError(status, "deflateInit2") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        // zlib writes the output; nothing needs zeroing first.
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
        defer { output.deallocate() }
        var input = input
        status = input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            stream.next_out = output
            stream.avail_out = uInt(bound)
            return CPNG.deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw zlibError(status, "deflate") }
        return Data(bytes: output, count: Int(stream.total_out))
    }

    private func zlibError(_ status: Int32, _ call: String) -> CairoError {
        CairoError(message: "zlib \(call) failed with code \(status)", operation: "encode PNG")
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
                            UInt8(value & 0xFF)])
    }

    /// Appends a PNG chunk: length, type, data, CRC-32 of type and data (PNG spec §5.3).
    mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typeBytes = Data(type.utf8)
        var crc = typeBytes.withUnsafeBytes { crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt(4)) }
        if !body.isEmpty {
            crc = body.withUnsafeBytes { crc32(crc, $0.bindMemory(to: UInt8.self).baseAddress, uInt(body.count)) }
        }
        append(typeBytes)
        append(body)
        appendBigEndian(UInt32(crc))
    }
}
