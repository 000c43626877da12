/// An image re-expressed as at most 256 colours and one index byte per pixel, when it has that few colours.
///
/// Colours are numbered in order of first appearance, so the same pixels always give the same palette.
struct PaletteImage {
    /// 0xAARRGGBB, un-premultiplied.
    var palette: [UInt32]
    var indices: [UInt8]

    /// Returns nil as soon as a 257th colour turns up.
    init?(pixels: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int, keepAlpha: Bool) {
        // Open addressing over 1024 slots: keys are pixels | occupied-bit in a UInt64.
        let slots = 1024
        var keys = [UInt64](repeating: 0, count: slots)
        var values = [UInt8](repeating: 0, count: slots)
        var palette: [UInt32] = []
        palette.reserveCapacity(256)
        var indices = [UInt8](repeating: 0, count: width * height)
        var ok = true
        keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                indices.withUnsafeMutableBufferPointer { out in
                    var lastPixel: UInt32 = 0
                    var lastIndex: UInt8 = 0
                    var haveLast = false
                    var o = 0
                    rows: for y in 0..<height {
                        let row = pixels.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                        for x in 0..<width {
                            var p = row[x]
                            if !keepAlpha { p |= 0xFF00_0000 }
                            if haveLast && p == lastPixel { out[o] = lastIndex; o += 1; continue }
                            let key = UInt64(p) | (1 << 32)
                            var h = Int((p &* 0x9E37_79B1) >> 22) & (slots - 1)
                            while true {
                                let k = keys[h]
                                if k == key { lastIndex = values[h]; break }
                                if k == 0 {
                                    if palette.count == 256 { ok = false; break rows }
                                    keys[h] = key
                                    lastIndex = UInt8(palette.count)
                                    values[h] = lastIndex
                                    palette.append(p)
                                    break
                                }
                                h = (h + 1) & (slots - 1)
                            }
                            lastPixel = p
                            haveLast = true
                            out[o] = lastIndex
                            o += 1
                        }
                    }
                }
            }
        }
        guard ok else { return nil }
        self.palette = keepAlpha ? palette.map(PaletteImage.unpremultiply) : palette
        self.indices = indices
    }

    static func unpremultiply(_ p: UInt32) -> UInt32 {
        let a = (p >> 24) & 0xFF
        if a == 0 { return 0 }
        if a == 255 { return p }
        let r = (((p >> 16) & 0xFF) * 255 + a / 2) / a
        let g = (((p >> 8) & 0xFF) * 255 + a / 2) / a
        let b = ((p & 0xFF) * 255 + a / 2) / a
        return (a << 24) | (min(r, 255) << 16) | (min(g, 255) << 8) | min(b, 255)
    }
}
