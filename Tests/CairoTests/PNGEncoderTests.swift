import Cairo
import Foundation
import Testing

@Suite struct PNGEncoderTests {
    func picture(_ format: ImageSurface.Format = .rgb24, width: Int = 96, height: Int = 64) throws -> ImageSurface {
        let surface = try ImageSurface(format: format, width: width, height: height)
        try SurfaceTests.draw(on: surface, width: Double(width), height: Double(height))
        return surface
    }

    /// Every pixel of `a` and `b`, compared as opaque colours.
    func samePixels(_ a: ImageSurface, _ b: ImageSurface) throws -> Bool {
        guard a.width == b.width, a.height == b.height else { return false }
        for y in 0..<a.height {
            for x in 0..<a.width where try a.pixel(x: x, y: y) | 0xFF00_0000 != b.pixel(x: x, y: y) | 0xFF00_0000 {
                return false
            }
        }
        return true
    }

    @Test(arguments: PNGEncoder.Filter.allCases)
    func everyFilterRoundTripsThroughCairosDecoder(filter: PNGEncoder.Filter) throws {
        let original = try picture()
        let data = try PNGEncoder(filter: filter, paletteFilter: filter, allowPalette: false).encode(original)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try samePixels(original, ImageSurface(png: data)))
    }

    @Test func paletteOutputWhenFewColours() throws {
        let surface = try ImageSurface(format: .rgb24, width: 40, height: 30)
        let cr = try Context(surface: surface)
        cr.setAntialias(false)
        cr.setSource(red: 1, green: 1, blue: 1)
        cr.paint()
        cr.setSource(red: 1, green: 0, blue: 0)
        cr.rectangle(5, 5, 10, 10)
        cr.fill()
        let data = try PNGEncoder().encode(surface)
        #expect(data[25] == 3)  // IHDR colour type: indexed
        #expect(try samePixels(surface, ImageSurface(png: data)))
    }

    @Test func trueColourWhenMoreThan256Colours() throws {
        let surface = try ImageSurface(format: .rgb24, width: 32, height: 32)
        let cr = try Context(surface: surface)
        cr.setAntialias(false)
        for i in 0..<(32 * 32) {
            cr.setSource(red: Double(i % 32) / 31, green: Double(i / 32) / 31, blue: 0.5)
            cr.rectangle(Double(i % 32), Double(i / 32), 1, 1)
            cr.fill()
        }
        let data = try PNGEncoder().encode(surface)
        #expect(data[25] == 2)  // RGB
        #expect(try samePixels(surface, ImageSurface(png: data)))
    }

    @Test func alphaIsUnpremultiplied() throws {
        let surface = try ImageSurface(format: .argb32, width: 8, height: 8)
        let cr = try Context(surface: surface)
        cr.setSource(red: 1, green: 0, blue: 0, alpha: 0.5)
        cr.paint()
        for palette in [true, false] {
            let decoded = try ImageSurface(png: PNGEncoder(allowPalette: palette).encode(surface))
            let p = try decoded.pixel(x: 3, y: 3)
            #expect(p >> 24 == 0x80)
            #expect((p >> 16) & 0xFF == 0x80)  // premultiplied again by Cairo's decoder
        }
    }

    @Test func sameDrawingGivesIdenticalBytes() throws {
        #expect(try PNGEncoder().encode(picture()) == PNGEncoder().encode(picture()))
        #expect(try picture().cairoPNGData() == picture().cairoPNGData())
    }

    @Test func cairoWriterMatchesPixels() throws {
        let original = try picture(.argb32)
        #expect(try samePixels(original, ImageSurface(png: original.cairoPNGData())))
    }

    @Test func decodingGarbageThrows() {
        #expect(throws: CairoError.self) { try ImageSurface(png: Data("not a png".utf8)) }
    }
}

@Suite struct PNGQuantizationTests {
    /// Flat colours with antialiased diagonal edges and text: far more than 256 colours.
    func map() throws -> ImageSurface {
        let surface = try ImageSurface(format: .rgb24, width: 200, height: 150)
        let cr = try Context(surface: surface)
        cr.setSource(red: 0.68, green: 0.82, blue: 0.93)
        cr.paint()
        for i in 0..<12 {
            cr.setSource(red: Double(i) / 12, green: 0.6, blue: 1 - Double(i) / 12)
            cr.setLineWidth(1.5 + Double(i % 3))
            cr.moveTo(Double(i * 16), 0)
            cr.lineTo(Double(200 - i * 7), 150)
            cr.stroke()
        }
        cr.selectFont(family: "WenQuanYi Micro Hei")
        cr.setFontSize(15)
        cr.setSource(red: 0.1, green: 0.1, blue: 0.1)
        cr.moveTo(10, 80)
        cr.showText("北京顺义集散中心 Beijing")
        return surface
    }

    @Test func manyColoursBecomeAPaletteWithSmallErrors() throws {
        let surface = try map()
        let exact = try PNGEncoder(allowPalette: false).encode(surface)
        let quantized = try PNGEncoder(quantize: true).encode(surface)
        #expect(exact[25] == 2)
        #expect(quantized[25] == 3)
        #expect(quantized.count < exact.count)
        let decoded = try ImageSurface(png: quantized)
        var flatExact = true
        var flatPixels = 0
        var worst: UInt32 = 0
        var totalError = 0
        let background = try surface.pixel(x: 199, y: 0)
        for y in 0..<150 {
            for x in 0..<200 {
                let a = try surface.pixel(x: x, y: y), b = try decoded.pixel(x: x, y: y)
                for shift: UInt32 in [0, 8, 16] {
                    let u = (a >> shift) & 0xFF, v = (b >> shift) & 0xFF
                    worst = max(worst, u > v ? u - v : v - u)
                    totalError += Int(u > v ? u - v : v - u)
                }
                if a == background {  // the flat background stays exact
                    flatPixels += 1
                    if b != a { flatExact = false }
                }
            }
        }
        #expect(flatExact)
        #expect(flatPixels > 10_000)
        // Rare blends move to their nearest palette entry: small on average, bounded at worst.
        #expect(Double(totalError) / Double(200 * 150 * 3) < 3, "mean channel error")
        #expect(worst < 100, "largest channel error \(worst)")
    }

    @Test func quantizingIsDeterministic() throws {
        #expect(try PNGEncoder(quantize: true).encode(map()) == PNGEncoder(quantize: true).encode(map()))
    }
}
