/// PNG scanline filtering (PNG spec §9): each row gets a filter-type byte and is replaced by its differences.
enum ScanlineFilter {
    /// Filters `raw` (rows of `width × bytesPerPixel` bytes) into the bytes zlib compresses.
    static func apply(_ filter: PNGEncoder.Filter, raw: [UInt8], width: Int, height: Int,
                      bytesPerPixel bpp: Int) -> [UInt8]
    {
        let rowBytes = width * bpp
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        var candidate = [UInt8](repeating: 0, count: rowBytes)
        raw.withUnsafeBufferPointer { raw in
            out.withUnsafeMutableBufferPointer { out in
                candidate.withUnsafeMutableBufferPointer { scratch in
                    for y in 0..<height {
                        let cur = UnsafeBufferPointer(rebasing: raw[(y * rowBytes)..<((y + 1) * rowBytes)])
                        let prev: UnsafeBufferPointer<UInt8>? = y == 0 ? nil
                            : UnsafeBufferPointer(rebasing: raw[((y - 1) * rowBytes)..<(y * rowBytes)])
                        let start = y * (rowBytes + 1)
                        let dest = UnsafeMutableBufferPointer(rebasing: out[(start + 1)..<(start + 1 + rowBytes)])
                        var chosen = filter
                        if filter == .adaptive {
                            var best = Int.max
                            for kind in [PNGEncoder.Filter.none, .sub, .up, .paeth] {
                                filterRow(kind, cur, prev, scratch, bpp)
                                var sum = 0
                                for b in scratch { sum += b < 128 ? Int(b) : 256 - Int(b) }
                                if sum < best { best = sum; chosen = kind }
                            }
                        }
                        out[start] = chosen.rawValue
                        filterRow(chosen, cur, prev, dest, bpp)
                    }
                }
            }
        }
        return out
    }

    @inline(__always)
    private static func filterRow(_ filter: PNGEncoder.Filter, _ cur: UnsafeBufferPointer<UInt8>,
                                  _ prev: UnsafeBufferPointer<UInt8>?, _ dest: UnsafeMutableBufferPointer<UInt8>,
                                  _ bpp: Int)
    {
        let n = cur.count
        switch filter {
        case .none, .adaptive:
            for i in 0..<n { dest[i] = cur[i] }
        case .sub:
            for i in 0..<n { dest[i] = cur[i] &- (i >= bpp ? cur[i - bpp] : 0) }
        case .up:
            if let prev { for i in 0..<n { dest[i] = cur[i] &- prev[i] } } else { for i in 0..<n { dest[i] = cur[i] } }
        case .average:
            for i in 0..<n {
                let left = i >= bpp ? Int(cur[i - bpp]) : 0
                let up = prev.map { Int($0[i]) } ?? 0
                dest[i] = cur[i] &- UInt8((left + up) / 2)
            }
        case .paeth:
            for i in 0..<n {
                let a = i >= bpp ? Int(cur[i - bpp]) : 0
                let b = prev.map { Int($0[i]) } ?? 0
                let c = (i >= bpp ? prev.map { Int($0[i - bpp]) } : nil) ?? 0
                let p = a + b - c
                let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                let predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                dest[i] = cur[i] &- UInt8(predictor)
            }
        }
    }
}
