import Foundation

/// A small GIF89a decoder for the tests: it composites every frame onto the logical screen the way a viewer does
/// (local colour tables, transparency, disposal "do not dispose"), so the encoder is checked by reading its output
/// back, not by trusting it.
public struct GIFDecoder {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public struct Frame {
        public var x: Int, y: Int, width: Int, height: Int
        public var delay: Int
        public var disposal: Int
        public var transparentIndex: Int?
        /// The whole screen after this frame, 0xFFRRGGBB (0 where nothing was ever drawn).
        public var screen: [UInt32]
    }

    public var width = 0
    public var height = 0
    public var loopCount: Int?
    public var frames: [Frame] = []

    public init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var p = 0
        func byte() throws -> Int {
            guard p < bytes.count else { throw Failure(description: "truncated at \(p)") }
            defer { p += 1 }
            return Int(bytes[p])
        }
        func u16() throws -> Int { let lo = try byte(); return lo | (try byte()) << 8 }
        func subBlocks() throws -> [UInt8] {
            var out: [UInt8] = []
            while true {
                let n = try byte()
                if n == 0 { return out }
                guard p + n <= bytes.count else { throw Failure(description: "sub-block past the end") }
                out += bytes[p..<(p + n)]
                p += n
            }
        }
        guard bytes.count >= 13, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else {
            throw Failure(description: "not a GIF89a header")
        }
        p = 6
        width = try u16()
        height = try u16()
        let packed = try byte()
        _ = try byte(); _ = try byte()
        var global: [UInt32] = []
        if packed & 0x80 != 0 { global = try GIFDecoder.table(bytes, &p, size: 1 << ((packed & 7) + 1)) }
        var screen = [UInt32](repeating: 0, count: width * height)
        var delay = 0, disposal = 0
        var transparent: Int?
        loop: while true {
            switch try byte() {
            case 0x21:
                let label = try byte()
                let body = try subBlocks()
                if label == 0xF9 {
                    guard body.count == 4 else { throw Failure(description: "graphic control extension size") }
                    disposal = Int(body[0] >> 2) & 7
                    transparent = body[0] & 1 != 0 ? Int(body[3]) : nil
                    delay = Int(body[1]) | Int(body[2]) << 8
                } else if label == 0xFF, body.count >= 14, String(decoding: body[0..<11], as: UTF8.self) == "NETSCAPE2.0" {
                    loopCount = Int(body[12]) | Int(body[13]) << 8
                }
            case 0x2C:
                let x = try u16(), y = try u16(), w = try u16(), h = try u16()
                let flags = try byte()
                guard flags & 0x40 == 0 else { throw Failure(description: "interlaced frames are not expected") }
                let colours = flags & 0x80 != 0 ? try GIFDecoder.table(bytes, &p, size: 1 << ((flags & 7) + 1)) : global
                let minimum = try byte()
                let indices = try GIFDecoder.lzwDecode(try subBlocks(), minimumCodeSize: minimum, count: w * h)
                guard x + w <= width, y + h <= height else { throw Failure(description: "frame outside the screen") }
                for row in 0..<h {
                    for column in 0..<w {
                        let index = Int(indices[row * w + column])
                        if index == transparent { continue }
                        guard index < colours.count else { throw Failure(description: "index past the table") }
                        screen[(y + row) * width + x + column] = colours[index]
                    }
                }
                frames.append(Frame(x: x, y: y, width: w, height: h, delay: delay, disposal: disposal,
                                    transparentIndex: transparent, screen: screen))
                transparent = nil
            case 0x3B: break loop
            case let other: throw Failure(description: "unexpected block 0x\(String(other, radix: 16)) at \(p - 1)")
            }
        }
    }

    public static func table(_ bytes: [UInt8], _ p: inout Int, size: Int) throws -> [UInt32] {
        guard p + 3 * size <= bytes.count else { throw Failure(description: "colour table past the end") }
        defer { p += 3 * size }
        return (0..<size).map { i in
            0xFF00_0000 | UInt32(bytes[p + 3 * i]) << 16 | UInt32(bytes[p + 3 * i + 1]) << 8 | UInt32(bytes[p + 3 * i + 2])
        }
    }

    /// GIF's LZW decoder (GIF89a Appendix F), written from the spec independently of the encoder.
    public static func lzwDecode(_ data: [UInt8], minimumCodeSize: Int, count: Int) throws -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var size = minimumCodeSize + 1
        var table: [[UInt8]] = []
        func reset() {
            table = (0..<clear).map { [UInt8($0)] } + [[], []]
            size = minimumCodeSize + 1
        }
        reset()
        var out: [UInt8] = []
        var bit = 0
        var previous: [UInt8]?
        while true {
            guard bit + size <= data.count * 8 else { throw Failure(description: "code stream ends without an end code") }
            var code = 0
            for i in 0..<size where data[(bit + i) >> 3] & (1 << ((bit + i) & 7)) != 0 { code |= 1 << i }
            bit += size
            if code == clear { reset(); previous = nil; continue }
            if code == end { break }
            let entry: [UInt8]
            if code < table.count {
                entry = table[code]
                if let previous, table.count < 4096 { table.append(previous + [entry[0]]) }
            } else if code == table.count, let previous {
                entry = previous + [previous[0]]
                table.append(entry)
            } else {
                throw Failure(description: "code \(code) past the table (\(table.count))")
            }
            out += entry
            previous = entry
            if table.count == (1 << size) && size < 12 { size += 1 }
        }
        guard out.count == count else { throw Failure(description: "decoded \(out.count) pixels, expected \(count)") }
        return out
    }
}
