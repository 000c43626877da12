import Cairo
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct SurfaceTests {
    /// A small drawing with antialiased shapes and text, used by several tests.
    static func draw(on surface: Surface, width: Double, height: Double) throws {
        let cr = try Context(surface: surface)
        cr.setSource(red: 0.93, green: 0.95, blue: 0.97)
        cr.paint()
        cr.setSource(red: 0.2, green: 0.5, blue: 0.9)
        cr.setLineWidth(4)
        cr.moveTo(10, height - 10)
        cr.lineTo(width - 10, 10)
        cr.stroke()
        cr.circle(width / 2, height / 2, radius: 12)
        cr.fill()
        cr.selectFont(family: "WenQuanYi Micro Hei")
        cr.setFontSize(14)
        cr.moveTo(8, 20)
        cr.showText("深圳 → 北京")
        try cr.checkStatus("draw test picture")
    }

    @Test func invalidImageSizeThrowsWithStatusAndOperation() {
        let error = #expect(throws: CairoError.self) { try ImageSurface(format: .rgb24, width: -1, height: 10) }
        #expect(error?.message.contains("invalid value") == true || error?.message.contains("size") == true)
        #expect(error?.operation.contains("-1×10") == true)
        #expect(throws: CairoError.self) { try ImageSurface(format: .argb32, width: 40_000, height: 10) }
    }

    @Test func invalidVectorSizeThrows() {
        #expect(throws: CairoError.self) { try SVGSurface(width: -5, height: 10) }
        #expect(throws: CairoError.self) { try PDFSurface(width: .nan, height: 10, creationDate: "2024-01-01T00:00:00") }
    }

    @Test func drawsPixels() throws {
        let surface = try ImageSurface(format: .rgb24, width: 64, height: 48)
        try Self.draw(on: surface, width: 64, height: 48)
        let background = try surface.pixel(x: 63, y: 47)
        #expect(background == 0xFFEEF3F8, "got \(String(background, radix: 16))")
        let centre = try surface.pixel(x: 32, y: 24)
        #expect(centre & 0xFF > 0xC0 && (centre >> 16) & 0xFF < 0x50)  // blue dot
    }

    @Test func svgIsCompleteXMLAfterFinish() throws {
        let surface = try SVGSurface(width: 120, height: 80)
        try Self.draw(on: surface, width: 120, height: 80)
        let data = try surface.finish()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("</svg>"))
        let parser = XMLParser(data: data)
        #expect(parser.parse())
    }

    @Test func pdfHasHeaderAndTrailer() throws {
        let surface = try PDFSurface(width: 120, height: 80, creationDate: "2024-05-01T12:00:00")
        try Self.draw(on: surface, width: 120, height: 80)
        let data = try surface.finish()
        #expect(data.starts(with: Data("%PDF-".utf8)))
        #expect(String(decoding: data.suffix(16), as: UTF8.self).contains("%%EOF"))
    }

    @Test func drawingAfterFinishIsAnError() throws {
        let surface = try SVGSurface(width: 50, height: 50)
        let cr = try Context(surface: surface)
        _ = try surface.finish()
        cr.rectangle(0, 0, 10, 10)
        cr.fill()
        let error = #expect(throws: CairoError.self) { try cr.checkStatus("fill after finish") }
        #expect(error?.operation == "fill after finish")
        #expect(throws: CairoError.self) { try Context(surface: surface) }
    }

    @Test func vectorOutputIsDeterministic() throws {
        func svg() throws -> Data {
            let s = try SVGSurface(width: 90, height: 60)
            try Self.draw(on: s, width: 90, height: 60)
            return try s.finish()
        }
        func pdf() throws -> Data {
            let s = try PDFSurface(width: 90, height: 60, creationDate: "2024-05-01T12:00:00")
            try Self.draw(on: s, width: 90, height: 60)
            return try s.finish()
        }
        #expect(try svg() == svg())
        #expect(try pdf() == pdf())
    }

    @Test func fontGlyphCoverage() throws {
        let surface = try ImageSurface(format: .rgb24, width: 10, height: 10)
        let cr = try Context(surface: surface)
        cr.selectFont(family: "WenQuanYi Micro Hei")
        cr.setFontSize(12)
        #expect(cr.hasGlyphs(for: "Beijing"))
        #expect(cr.hasGlyphs(for: "北京"))
        #expect(!cr.hasGlyphs(for: "\u{10FFFD}"))  // a private-use code point no font maps
    }
}
