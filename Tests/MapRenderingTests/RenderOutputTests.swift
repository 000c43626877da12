import Cairo
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MapRendering

@Suite struct RenderOutputTests {
    static var scene: MapScene { Scenarios.all.first { $0.0 == "north-south" }!.1 }

    @Test func pngHasTheRequestedPixels() throws {
        for scale in 1...3 {
            let image = try TestSupport.renderer.render(scene: Self.scene,
                                                        options: RenderOptions(width: 320, height: 240, scale: scale))
            #expect(image.contentType == "image/png")
            let decoded = try ImageSurface(png: image.data)
            #expect(decoded.width == 320 * scale && decoded.height == 240 * scale)
        }
    }

    @Test func svgIsValidXML() throws {
        let image = try TestSupport.renderer.render(scene: Self.scene, options: RenderOptions(format: .svg))
        #expect(image.contentType == "image/svg+xml")
        let parser = XMLParser(data: image.data)
        #expect(parser.parse())
        #expect(String(decoding: image.data.prefix(200), as: UTF8.self).contains("<svg"))
    }

    @Test func pdfIsADocument() throws {
        let image = try TestSupport.renderer.render(scene: Self.scene, options: RenderOptions(format: .pdf))
        #expect(image.contentType == "application/pdf")
        #expect(image.data.starts(with: Data("%PDF-".utf8)))
    }

    @Test(arguments: RenderOptions.Format.allCases)
    func sameInputGivesIdenticalBytes(format: RenderOptions.Format) throws {
        let options = RenderOptions(format: format)
        let a = try TestSupport.renderer.render(scene: Self.scene, options: options)
        let b = try TestSupport.renderer.render(scene: Self.scene, options: options)
        #expect(a.data == b.data)
    }

    @Test func retinaHasTheSameLayout() throws {
        let one = try TestSupport.renderer.render(scene: Self.scene, options: RenderOptions(width: 400, height: 300))
        let two = try TestSupport.renderer.render(scene: Self.scene,
                                                  options: RenderOptions(width: 400, height: 300, scale: 2))
        // Downsample the @2x image by sampling and compare with the @1x one: same layout, so few pixels differ.
        let a = try ImageSurface(png: one.data), b = try ImageSurface(png: two.data)
        var differing = 0
        for y in stride(from: 1, to: 299, by: 3) {
            for x in stride(from: 1, to: 399, by: 3) {
                let p = try a.pixel(x: x, y: y), q = try b.pixel(x: 2 * x, y: 2 * y)
                var d = 0
                for shift: UInt32 in [0, 8, 16] {
                    let u = Int((p >> shift) & 0xFF), v = Int((q >> shift) & 0xFF)
                    d = max(d, abs(u - v))
                }
                if d > 60 { differing += 1 }
            }
        }
        #expect(Double(differing) / (133 * 100) < 0.03)
    }

    @Test func limitsAreTypedErrors() {
        let r = TestSupport.renderer
        let big = #expect(throws: RenderError.self) {
            try r.render(scene: Self.scene, options: RenderOptions(width: 4000, height: 600))
        }
        #expect(big?.code == .sizeTooLarge)
        #expect(big?.httpStatus == 400)
        #expect((try? r.render(scene: Self.scene, options: RenderOptions(width: 2048, height: 2048))) != nil)
        let scale = #expect(throws: RenderError.self) {
            try r.render(scene: Self.scene, options: RenderOptions(scale: 4))
        }
        #expect(scale?.code == .invalidScale)
        let tiny = #expect(throws: RenderError.self) {
            try r.render(scene: Self.scene, options: RenderOptions(width: 10, height: 600))
        }
        #expect(tiny?.code == .invalidSize)
        let style = #expect(throws: RenderError.self) {
            try r.render(scene: Self.scene, options: RenderOptions(style: "../etc/passwd"))
        }
        #expect(style?.code == .unknownStyle)
    }

    @Test func optionParsing() throws {
        #expect(try RenderOptions.parseSize("800x600") == (800, 600))
        #expect(try RenderOptions.parseSize("300X200") == (300, 200))
        for bad in ["800", "x600", "800x", "-1x5", "axb", "800x600x2"] {
            #expect(throws: RenderError.self) { try RenderOptions.parseSize(bad) }
        }
        #expect(try RenderOptions.Format(parsing: "SVG") == .svg)
        #expect(try RenderOptions.Format(parsing: "GIF") == .gif)
        #expect(throws: RenderError.self) { try RenderOptions.Format(parsing: "webp") }
        #expect(try RenderOptions.Language(parsing: "en") == .en)
        #expect(throws: RenderError.self) { try RenderOptions.Language(parsing: "fr") }
    }

    @Test func missingBasemapNamesTheFile() {
        let e = #expect(throws: RenderError.self) { try BaseMap(path: "/nonexistent/basemap.sqlite") }
        #expect(e?.code == .basemapUnavailable)
        #expect(e?.message.contains("/nonexistent/basemap.sqlite") == true)
    }

    @Test func corruptBasemapNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bm-\(UUID().uuidString).sqlite").path
        try Data("this is not a database".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = #expect(throws: RenderError.self) { try BaseMap(path: path) }
        #expect(e?.code == .basemapUnavailable)
        #expect(e?.message.contains(path) == true)
    }
}
