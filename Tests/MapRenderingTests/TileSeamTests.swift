import Cairo
import Foundation
import Geo
import Testing
@testable import MapRendering

/// Base-map fills are seamless across the builder's 10° tile cuts (issue 15 §4): along the 110°E cut through
/// Hainan, no pixel column differs from the land on both sides of it.
@Suite struct TileSeamTests {
    static let sansha = Scenarios.City(name: "三沙市", en: "Sansha", lat: 16.834, lon: 112.339)
    static let tunchang = Scenarios.City(name: "屯昌县", en: "Tunchang", lat: 19.363, lon: 110.103)
    static let dingan = Scenarios.City(name: "定安县", en: "Ding'an", lat: 19.681, lon: 110.349)

    /// (name, scene, scale): Haikou → Sansha (province level) at 1x and 2x, Tunchang → Ding'an (city level).
    static let cases: [(String, [Scenarios.City], Int)] = [
        ("haikou-sansha", [Scenarios.haikou, sansha], 1),
        ("haikou-sansha@2x", [Scenarios.haikou, sansha], 2),
        ("tunchang-dingan", [tunchang, dingan], 1),
        ("tunchang-dingan@2x", [tunchang, dingan], 2),
    ]

    @Test(arguments: 0..<cases.count) func noHairlineAlongTheTileCut(index: Int) throws {
        let (name, cities, scale) = Self.cases[index]
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
            // Hainan's interior along 110°E, sampled every device pixel row.
            let north = overlay.point(Coordinate(lat: 19.85, lon: 110)), south = overlay.point(Coordinate(lat: 18.9, lon: 110))
            let x = Int((north.x * Double(scale)).rounded(.down))
            guard x >= 4, x < surface.width - 4 else { return }
            let top = max(0, Int(north.y * Double(scale))), bottom = min(surface.height - 1, Int(south.y * Double(scale)))
            guard top < bottom else { return }
            for y in top...bottom {
                let left = pixel(x - 3, y), right = pixel(x + 3, y)
                guard close(left, right) else { continue }  // not plain land here (a label, a border)
                checked += 1
                for dx in -1...1 where !close(pixel(x + dx, y), left) { seams.append("(\(x + dx), \(y))"); break }
            }
        }
        #expect(checked > 20, "\(name): too few land pixels along 110°E to test (\(checked))")
        #expect(seams.isEmpty, "\(name): \(seams.count) seam pixels along 110°E, first \(seams.prefix(5))")
    }
}
