import Cairo
import Foundation
import Geo
import Testing
@testable import MapRendering

/// Base-map fills are seamless across the builder's 10° tile cuts (issue 15 §4): along the 110°E cut through
/// Hainan, the 20°N cut through Haikou and the 120°E and 30°N cuts of eastern China, no pixel line differs from
/// the land on both sides of it.
@Suite struct TileSeamTests {
    static let sansha = Scenarios.City(name: "三沙市", en: "Sansha", lat: 16.834, lon: 112.339)
    static let tunchang = Scenarios.City(name: "屯昌县", en: "Tunchang", lat: 19.363, lon: 110.103)
    static let dingan = Scenarios.City(name: "定安县", en: "Ding'an", lat: 19.681, lon: 110.349)

    /// A stretch of a tile cut over land: from, to, and whether it is a meridian (a pixel column).
    typealias Cut = (from: Coordinate, to: Coordinate, vertical: Bool)
    /// Hainan's interior along 110°E, and the 20°N cut east of Haikou (clear of its marker, pulse and route).
    static let hainan: [Cut] = [(Coordinate(lat: 19.85, lon: 110), Coordinate(lat: 18.9, lon: 110), true),
                                (Coordinate(lat: 20, lon: 110.42), Coordinate(lat: 20, lon: 110.9), false)]
    /// Zhejiang and Anhui along 120°E, and Hubei to Zhejiang along 30°N.
    static let east: [Cut] = [(Coordinate(lat: 30.3, lon: 120), Coordinate(lat: 28, lon: 120), true),
                              (Coordinate(lat: 30, lon: 111), Coordinate(lat: 30, lon: 119.5), false)]

    /// (name, stops, scale, cuts): Haikou → Sansha (province/city level) and Tunchang → Ding'an (city level)
    /// at 1x and 2x, Shanghai → Guangzhou (province level).
    static let cases: [(String, [Scenarios.City], Int, [Cut])] = [
        ("haikou-sansha", [Scenarios.haikou, sansha], 1, hainan),
        ("haikou-sansha@2x", [Scenarios.haikou, sansha], 2, hainan),
        ("tunchang-dingan", [tunchang, dingan], 1, hainan),
        ("tunchang-dingan@2x", [tunchang, dingan], 2, hainan),
        ("shanghai-guangzhou", [Scenarios.shanghai, Scenarios.guangzhou], 1, east),
        ("shanghai-guangzhou@2x", [Scenarios.shanghai, Scenarios.guangzhou], 2, east),
    ]

    /// Consecutive differing pixels along a cut that make a seam.
    static let seamRun = 8

    @Test(arguments: 0..<cases.count) func noHairlineAlongTheTileCut(index: Int) throws {
        let (name, cities, scale, cuts) = Self.cases[index]
        let scene = Scenarios.scene(cities, currentIndex: 0, state: .inTransit)
        let image = try TestSupport.renderer.render(scene: scene, options: RenderOptions(scale: scale, card: false))
        let overlay = try #require(image.overlay)
        let surface = try ImageSurface(png: image.data)
        var checked = 0, seams: [String] = []
        try surface.withPixels { raw in
            func pixel(_ x: Int, _ y: Int) -> UInt32 {
                raw.baseAddress!.advanced(by: y * surface.stride).assumingMemoryBound(to: UInt32.self)[x]
            }
            func close(_ a: UInt32, _ b: UInt32) -> Bool {
                stride(from: 0, to: 32, by: 8).allSatisfy { s in
                    let p = Int((a >> UInt32(s)) & 0xFF), q = Int((b >> UInt32(s)) & 0xFF)
                    return abs(p - q) <= 2
                }
            }
            // Hainan's interior along the 110°E cut (a pixel column) and along the 20°N cut (a pixel row).
            func scan(_ from: Coordinate, _ to: Coordinate, vertical: Bool) {
                let a = overlay.point(from), b = overlay.point(to)
                let fixed = Int(((vertical ? a.x : a.y) * Double(scale)).rounded(.down))
                let limit = vertical ? surface.width : surface.height
                guard fixed >= 4, fixed < limit - 4 else { return }
                let other = vertical ? surface.height : surface.width
                let lo = max(0, Int((vertical ? a.y : a.x) * Double(scale)))
                let hi = min(other - 1, Int((vertical ? b.y : b.x) * Double(scale)))
                guard lo < hi else { return }
                // A seam runs along the cut: `seamRun` differing pixels in a row. A river, border or coast that
                // crosses the cut differs for a few pixels only.
                var run = 0
                for t in lo...hi {
                    func at(_ d: Int) -> UInt32 { vertical ? pixel(fixed + d, t) : pixel(t, fixed + d) }
                    let before = at(-3), after = at(3)
                    guard close(before, after) else { run = 0; continue }  // not plain here (a label, a line)
                    checked += 1
                    if (-1...1).contains(where: { !close(at($0), before) }) {
                        run += 1
                        if run == Self.seamRun {
                            seams.append((vertical ? "(\(fixed), \(t))" : "(\(t), \(fixed))")
                                         + String(format: " %08x beside %08x", at(0), before))
                        }
                    } else {
                        run = 0
                    }
                }
            }
            for cut in cuts { scan(cut.from, cut.to, vertical: cut.vertical) }
        }
        #expect(checked > 20, "\(name): too few land pixels along the cuts to test (\(checked))")
        #expect(seams.isEmpty, "\(name): \(seams.count) seam pixels along the tile cuts, first \(seams.prefix(5))")
    }
}
