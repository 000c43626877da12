@testable import Cairo
import Foundation
import TestSupport
import Testing

@Suite struct GIFEncoderTests {
    /// The 10×10 sample image of Matthew Flickinger's "What's in a GIF" walk-through of the GIF89a spec: red and
    /// blue quadrants around a white square, colour table [white, red, blue, black], LZW minimum code size 2.
    static let sampleIndices: [UInt8] = [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
        1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
        1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
        1, 1, 1, 0, 0, 0, 0, 2, 2, 2,
        1, 1, 1, 0, 0, 0, 0, 2, 2, 2,
        2, 2, 2, 0, 0, 0, 0, 1, 1, 1,
        2, 2, 2, 0, 0, 0, 0, 1, 1, 1,
        2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
    ]
    /// The walk-through's image data bytes for that image (after the minimum code size and the block length 0x16).
    static let sampleCodes: [UInt8] = [
        0x8C, 0x2D, 0x99, 0x87, 0x2A, 0x1C, 0xDC, 0x33, 0xA0, 0x02, 0x75, 0xEC, 0x95, 0xFA, 0xA8, 0xDE, 0x60, 0x8C,
        0x04, 0x91, 0x4C, 0x01,
    ]

    @Test func decoderReadsTheWalkThroughsCodes() throws {
        #expect(try GIFDecoder.lzwDecode(Self.sampleCodes, minimumCodeSize: 2, count: 100) == Self.sampleIndices)
    }

    @Test func encoderWritesTheWalkThroughsCodes() {
        #expect(LZWEncoder.encode(Self.sampleIndices, minimumCodeSize: 2) == Self.sampleCodes)
    }

    /// Long, varied inputs cross every code width up to 12 bits and several table resets.
    @Test(arguments: [2, 4, 8])
    func lzwRoundTripsThroughTableResets(bits: Int) throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var indices: [UInt8] = []
        for i in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Runs and noise: the table fills with long strings and with short ones.
            let value = i % 700 < 350 ? UInt8((i / 37) % (1 << bits)) : UInt8(truncatingIfNeeded: state >> 33)
            indices.append(value & UInt8((1 << bits) - 1))
        }
        let codes = LZWEncoder.encode(indices, minimumCodeSize: bits)
        #expect(try GIFDecoder.lzwDecode(codes, minimumCodeSize: bits, count: indices.count) == indices)
    }

    @Test func emptyAndSinglePixelStreams() throws {
        #expect(try GIFDecoder.lzwDecode(LZWEncoder.encode([], minimumCodeSize: 2), minimumCodeSize: 2, count: 0) == [])
        #expect(try GIFDecoder.lzwDecode(LZWEncoder.encode([3], minimumCodeSize: 2), minimumCodeSize: 2, count: 1) == [3])
    }

    /// A square moving across a striped background: every decoded frame equals the surface it came from.
    @Test func animationFramesDecodeBackToTheirSurfaces() throws {
        let width = 120, height = 80
        var encoder = GIFEncoder(width: width, height: height, loopCount: 0)
        var surfaces: [ImageSurface] = []
        for step in 0..<6 {
            let surface = try ImageSurface(format: .rgb24, width: width, height: height)
            let cr = try Context(surface: surface)
            cr.setSource(red: 0.9, green: 0.93, blue: 0.96)
            cr.paint()
            cr.setSource(red: 0.2, green: 0.5, blue: 0.3)
            for x in stride(from: 0, to: width, by: 16) { cr.rectangle(Double(x), 0, 6, Double(height)); cr.fill() }
            cr.setSource(red: 0.85, green: 0.1, blue: 0.1)
            cr.arc(Double(15 + step * 18), 40, radius: 7, from: 0, to: 2 * .pi)
            cr.fill()
            try encoder.add(surface, delay: 8)
            surfaces.append(surface)
        }
        // A repeated last frame lengthens the last delay instead of adding a frame.
        try encoder.add(surfaces[5], delay: 100)
        let decoded = try GIFDecoder(encoder.finish())
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.loopCount == 0)
        #expect(decoded.frames.count == 6)
        #expect(decoded.frames.last?.delay == 108)
        #expect(decoded.frames.dropFirst().allSatisfy { $0.width < width && $0.disposal == 1 })
        for (frame, surface) in zip(decoded.frames, surfaces) {
            var worst = 0
            try surface.withPixels { raw in
                for y in 0..<height {
                    let row = raw.baseAddress!.advanced(by: y * surface.stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let a = row[x], b = frame.screen[y * width + x]
                        for shift in [0, 8, 16] as [UInt32] {
                            worst = max(worst, abs(Int((a >> shift) & 0xFF) - Int((b >> shift) & 0xFF)))
                        }
                    }
                }
            }
            // Quantised antialiased edges move by a few levels at most; flat areas are exact.
            #expect(worst <= 48, "a pixel is \(worst) levels off")
        }
    }
}
