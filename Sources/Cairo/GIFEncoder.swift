import Foundation

/// An animated GIF89a encoder over image surfaces.
///
/// The first frame is written whole; every later frame only as the smallest rectangle that differs from the frame
/// before, with the unchanged pixels inside it transparent and disposal "do not dispose" (GIF89a §23), so that a
/// marker moving over a map costs a few hundred bytes a frame. Each frame carries its own colour table of at most
/// 256 colours (`PaletteImage`, quantised where antialiasing needs it). A frame identical to the one before adds its
/// delay to that frame instead of being written.
/// ```swift
/// var gif = GIFEncoder(width: 600, height: 400)
/// try gif.add(surface, delay: 10)
/// let data = gif.finish()
/// ```
public struct GIFEncoder {
    public let width: Int
    public let height: Int
    /// How often viewers repeat the animation; 0 is for ever (the NETSCAPE2.0 extension).
    public let loopCount: Int
    /// Frames written so far (identical frames merged).
    public private(set) var frameCount = 0

    private var output = Data()
    private var previous: [UInt32] = []
    /// Where the last written frame's Graphic Control Extension delay sits, to extend it for a repeated frame.
    private var lastDelayOffset: Int?
    private var lastDelay = 0

    /// Starts a GIF of the given logical screen size.
    /// - Precondition: the size is 1…65535 in both directions and `loopCount` is 0…65535.
    public init(width: Int, height: Int, loopCount: Int = 0) {
        precondition((1...65_535).contains(width) && (1...65_535).contains(height), "GIF sizes are 1…65535")
        precondition((0...65_535).contains(loopCount), "GIF loop counts are 0…65535")
        self.width = width
        self.height = height
        self.loopCount = loopCount
        output.append(contentsOf: Array("GIF89a".utf8))
        output.appendLittleEndian(UInt16(width))
        output.appendLittleEndian(UInt16(height))
        // No global colour table; colour resolution 8 bits (GIF89a §18).
        output.append(contentsOf: [0x70, 0, 0])
        // NETSCAPE2.0 application extension: loop count.
        output.append(contentsOf: [0x21, 0xFF, 0x0B])
        output.append(contentsOf: Array("NETSCAPE2.0".utf8))
        output.append(contentsOf: [0x03, 0x01])
        output.appendLittleEndian(UInt16(loopCount))
        output.append(0)
    }

    /// Appends a frame shown for `delay` hundredths of a second.
    /// - Throws: `CairoError` when the surface's pixels cannot be read.
    /// - Precondition: the surface has the encoder's size and `delay` is 0…65535.
    public mutating func add(_ surface: ImageSurface, delay: Int) throws {
        precondition(surface.width == width && surface.height == height, "every GIF frame has the screen's size")
        precondition((0...65_535).contains(delay), "GIF delays are 0…65535 hundredths of a second")
        let opaque = surface.format == .rgb24
        var pixels = [UInt32](repeating: 0, count: width * height)
        try surface.withPixels { raw in
            let stride = surface.stride
            pixels.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let row = raw.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let p = row[x]
                        out[y * width + x] = opaque ? p | 0xFF00_0000 : GIFEncoder.flatten(p)
                    }
                }
            }
        }
        add(pixels: pixels, delay: delay)
    }

    /// Appends a frame from opaque 0xFFRRGGBB pixels, row by row.
    mutating func add(pixels: [UInt32], delay: Int) {
        precondition(pixels.count == width * height, "a frame has width × height pixels")
        if previous.isEmpty {
            writeFrame(pixels: pixels, rect: (0, 0, width, height), transparentUnchanged: false, delay: delay)
        } else if let rect = changedRect(pixels) {
            writeFrame(pixels: pixels, rect: rect, transparentUnchanged: true, delay: delay)
        } else if let offset = lastDelayOffset {
            lastDelay = min(65_535, lastDelay + delay)
            output[offset] = UInt8(lastDelay & 0xFF)
            output[offset + 1] = UInt8(lastDelay >> 8)
        }
        previous = pixels
    }

    /// Ends the stream with the trailer and returns the file's bytes.
    public mutating func finish() -> Data {
        var data = output
        data.append(0x3B)
        return data
    }

    /// Composites a premultiplied ARGB pixel over white: GIF has no partial transparency.
    static func flatten(_ p: UInt32) -> UInt32 {
        let a = (p >> 24) & 0xFF
        if a == 255 { return p }
        let inverse = 255 - a
        let r = ((p >> 16) & 0xFF) + inverse, g = ((p >> 8) & 0xFF) + inverse, b = (p & 0xFF) + inverse
        return 0xFF00_0000 | (min(r, 255) << 16) | (min(g, 255) << 8) | min(b, 255)
    }

    /// The bounding box of the pixels that differ from the previous frame, or nil when none do.
    private func changedRect(_ pixels: [UInt32]) -> (x: Int, y: Int, width: Int, height: Int)? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where pixels[row + x] != previous[row + x] {
                if x < minX { minX = x }
                if x > maxX { maxX = x }
                if y < minY { minY = y }
                maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1)
    }

    /// Writes a Graphic Control Extension, an image descriptor with a local colour table, and the LZW data.
    private mutating func writeFrame(pixels: [UInt32], rect: (x: Int, y: Int, width: Int, height: Int),
                                     transparentUnchanged: Bool, delay: Int)
    {
        // Unchanged pixels become fully transparent (0), a colour no opaque pixel has.
        var region = [UInt32](repeating: 0, count: rect.width * rect.height)
        for row in 0..<rect.height {
            let source = (rect.y + row) * width + rect.x
            for column in 0..<rect.width {
                let p = pixels[source + column]
                let unchanged = transparentUnchanged && p == previous[source + column]
                region[row * rect.width + column] = unchanged ? 0 : p
            }
        }
        let image = region.withUnsafeBytes { raw in
            PaletteImage(pixels: raw, width: rect.width, height: rect.height, stride: rect.width * 4,
                         keepAlpha: true, quantize: true)
        }
        // At most 32,768 distinct colours per frame: maps are flat colours, so this holds; fall back to a
        // 3-3-2 colour cube otherwise.
        let (palette, indices) = image.map { ($0.palette, $0.indices) } ?? GIFEncoder.colourCube(region)
        let transparentIndex = palette.firstIndex { $0 >> 24 == 0 }
        var tableBits = 1
        while (1 << tableBits) < palette.count { tableBits += 1 }

        // Graphic Control Extension (GIF89a §23): disposal 1, "do not dispose".
        output.append(contentsOf: [0x21, 0xF9, 0x04, UInt8(1 << 2) | (transparentIndex == nil ? 0 : 1)])
        lastDelayOffset = output.count
        lastDelay = delay
        output.appendLittleEndian(UInt16(delay))
        output.append(UInt8(transparentIndex ?? 0))
        output.append(0)
        // Image descriptor (§20) with a local colour table (§21).
        output.append(0x2C)
        output.appendLittleEndian(UInt16(rect.x))
        output.appendLittleEndian(UInt16(rect.y))
        output.appendLittleEndian(UInt16(rect.width))
        output.appendLittleEndian(UInt16(rect.height))
        output.append(0x80 | UInt8(tableBits - 1))
        for i in 0..<(1 << tableBits) {
            let c = i < palette.count ? palette[i] : 0
            output.append(contentsOf: [UInt8((c >> 16) & 0xFF), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)])
        }
        // Table based image data (§22): minimum code size, then the codes in sub-blocks of at most 255 bytes.
        let minimumCodeSize = max(2, tableBits)
        output.append(UInt8(minimumCodeSize))
        let codes = LZWEncoder.encode(indices, minimumCodeSize: minimumCodeSize)
        var start = 0
        while start < codes.count {
            let end = min(start + 255, codes.count)
            output.append(UInt8(end - start))
            output.append(contentsOf: codes[start..<end])
            start = end
        }
        output.append(0)
        frameCount += 1
    }

    /// A fixed 256-colour palette (3 bits red, 3 green, 2 blue) with index 0 transparent.
    static func colourCube(_ region: [UInt32]) -> ([UInt32], [UInt8]) {
        var palette: [UInt32] = [0]
        for i in 1..<256 {
            let r = UInt32((i >> 5) & 7) * 255 / 7, g = UInt32((i >> 2) & 7) * 255 / 7, b = UInt32(i & 3) * 255 / 3
            palette.append(0xFF00_0000 | r << 16 | g << 8 | b)
        }
        let indices = region.map { p -> UInt8 in
            guard p >> 24 != 0 else { return 0 }
            let index = ((p >> 21) & 7) << 5 | ((p >> 13) & 7) << 2 | ((p >> 6) & 3)
            return UInt8(max(1, index))
        }
        return (palette, indices)
    }
}

extension Data {
    mutating func appendLittleEndian(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }
}
