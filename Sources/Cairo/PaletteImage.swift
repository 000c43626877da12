/// An image re-expressed as at most 256 colours and one index byte per pixel.
///
/// Exact when the image has at most 256 colours. With `quantize`, an image with more colours (antialiased edges
/// blend the flat colours of a map into thousands of shades) gets a 256-colour palette too, as mapnik's `png8`
/// output does: the palette takes the most frequent colours and every other colour maps to its nearest palette
/// entry.
/// Flat areas stay exact; only edge pixels move, by a few levels. Deterministic: ties break by first appearance.
struct PaletteImage {
    /// 0xAARRGGBB, un-premultiplied.
    var palette: [UInt32]
    var indices: [UInt8]
    /// Whether colours were merged (lossy).
    var isQuantized: Bool

    /// More distinct colours than this and the image is not a flat map: give up (true colour is better).
    static let maxDistinctColours = 32_768

    /// Returns nil when the image has more than 256 colours and `quantize` is off, or more than
    /// `maxDistinctColours`.
    init?(pixels: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int, keepAlpha: Bool, quantize: Bool) {
        let count = width * height
        let capacity = quantize ? PaletteImage.maxDistinctColours : 256
        var tableSize = 1024
        while tableSize < capacity * 2 { tableSize <<= 1 }
        let mask = tableSize - 1
        // Hot loop on raw memory: a pixel equal to its left or upper neighbour reuses that slot, others go
        // through an open-addressing table (key = colour | 1 << 32, so 0 means empty).
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: tableSize)
        keys.initialize(repeating: 0, count: tableSize)
        let values = UnsafeMutablePointer<UInt16>.allocate(capacity: tableSize)
        let slots = UnsafeMutablePointer<UInt16>.allocate(capacity: count)
        defer { keys.deallocate(); values.deallocate(); slots.deallocate() }
        var colours: [UInt32] = []
        colours.reserveCapacity(1024)
        let alphaMask: UInt32 = keepAlpha ? 0 : 0xFF00_0000
        var full = false
        rows: for y in 0..<height {
            let row = pixels.baseAddress!.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
            let above = y > 0 ? pixels.baseAddress!.advanced(by: (y - 1) * stride).assumingMemoryBound(to: UInt32.self) : nil
            let out = slots + y * width
            var last: UInt32 = 0
            var lastSlot: UInt16 = 0
            var haveLast = false
            for x in 0..<width {
                let p = row[x] | alphaMask
                if haveLast && p == last { out[x] = lastSlot; continue }
                if let above, (above[x] | alphaMask) == p {
                    lastSlot = out[x - width]
                } else {
                    let key = UInt64(p) | (1 << 32)
                    var h = Int(truncatingIfNeeded: (UInt64(p) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                    while true {
                        let k = keys[h]
                        if k == key { lastSlot = values[h]; break }
                        if k == 0 {
                            if colours.count == capacity { full = true; break rows }
                            keys[h] = key
                            lastSlot = UInt16(colours.count)
                            values[h] = lastSlot
                            colours.append(p)
                            break
                        }
                        h = (h + 1) & mask
                    }
                }
                last = p
                haveLast = true
                out[x] = lastSlot
            }
        }
        guard !full else { return nil }
        var counts: [Int] = []
        if quantize && colours.count > 256 {
            counts = [Int](repeating: 0, count: colours.count)
            counts.withUnsafeMutableBufferPointer { c in for i in 0..<count { c[Int(slots[i])] += 1 } }
        }
        var mapping = [UInt8](repeating: 0, count: colours.count)
        var palette: [UInt32]
        if colours.count <= 256 {
            palette = colours
            for i in colours.indices { mapping[i] = UInt8(i) }
            isQuantized = false
        } else {
            guard quantize else { return nil }
            palette = PaletteImage.choose(colours: colours, counts: counts)
            var exact: [UInt32: UInt8] = [:]
            for (i, c) in palette.enumerated() { exact[c] = UInt8(i) }
            let unpacked = palette.map { p in
                SIMD4<Int32>(Int32((p >> 16) & 0xFF), Int32((p >> 8) & 0xFF), Int32(p & 0xFF), Int32(p >> 24))
            }
            // Colours off the palette are edge blends; those in the same 5-5-5 bit cell share one search (opaque
            // images), which bounds the searches by the cells the blends touch rather than the distinct colours.
            var cellCache = [UInt16](repeating: UInt16.max, count: keepAlpha ? 0 : 1 << 15)
            for (i, c) in colours.enumerated() {
                if let hit = exact[c] { mapping[i] = hit; continue }
                if keepAlpha { mapping[i] = PaletteImage.nearest(c, in: unpacked); continue }
                let red: UInt32 = (c >> 9) & 0x7C00, green: UInt32 = (c >> 6) & 0x03E0, blue: UInt32 = (c >> 3) & 0x001F
                let cell = Int(red | green | blue)
                if cellCache[cell] == UInt16.max { cellCache[cell] = UInt16(PaletteImage.nearest(c, in: unpacked)) }
                mapping[i] = UInt8(cellCache[cell])
            }
            isQuantized = true
        }
        var indices = [UInt8](repeating: 0, count: count)
        indices.withUnsafeMutableBufferPointer { out in
            mapping.withUnsafeBufferPointer { m in
                for i in 0..<count { out[i] = m[Int(slots[i])] }
            }
        }
        self.palette = keepAlpha ? palette.map(PaletteImage.unpremultiply) : palette
        self.indices = indices
    }

    /// The 256 most frequent colours (ties: first appearance). On maps these are the flat colours and the
    /// commonest edge blends; rarer blends map to their nearest entry.
    static func choose(colours: [UInt32], counts: [Int]) -> [UInt32] {
        let order = colours.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return order.prefix(256).map { colours[$0] }
    }

    /// The palette index with the smallest squared distance to `c` (luma-weighted).
    static func nearest(_ c: UInt32, in palette: [SIMD4<Int32>]) -> UInt8 {
        var best = 0
        var bestDistance = Int32.max
        let v = SIMD4<Int32>(Int32((c >> 16) & 0xFF), Int32((c >> 8) & 0xFF), Int32(c & 0xFF), Int32(c >> 24))
        let weights = SIMD4<Int32>(3, 6, 1, 4)
        palette.withUnsafeBufferPointer { entries in
            for i in 0..<entries.count {
                let d = v &- entries[i]
                let distance = (d &* d &* weights).wrappedSum()
                if distance < bestDistance { bestDistance = distance; best = i }
            }
        }
        return UInt8(best)
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

