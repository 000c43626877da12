import Cairo
import Foundation

/// Compares a rendered PNG with a reference under `Fixtures/goldens`, per tile and overall, with a tolerance.
///
/// A pixel differs when any channel differs by more than `channelTolerance`. The image is cut into `tileSize`
/// squares; the images match when no tile has more than `maxTileDifferingShare` of its pixels differing and at
/// most `maxDifferingShare` of all pixels differ. The whole-image share alone let a map with every hub label
/// removed pass (0.285% of an 800×600 map); one label changes a few hundred pixels inside one or two tiles, while
/// font antialiasing noise between machines scatters a handful of pixels per tile. On a mismatch the actual image
/// is written beside the reference as `NAME.actual.png` (mapnik's visual tests do the same).
/// `TRACEMAP_UPDATE_GOLDENS=1` rewrites the references instead.
enum GoldenImage {
    static let channelTolerance: UInt32 = 40
    static let maxDifferingShare = 0.004
    static let tileSize = 32
    static let maxTileDifferingShare = 0.04

    static var directory: URL { TestSupport.fixtures.appendingPathComponent("goldens") }

    enum Outcome: Equatable {
        case matched
        case updated
        case missing(String)
        case differs(String)
    }

    /// How two images differ: the overall share of differing pixels and the worst tile's.
    struct Difference {
        var share: Double
        var worstTileShare: Double
        var worstTile: (x: Int, y: Int)
        var detail: String
        var matches: Bool { share <= GoldenImage.maxDifferingShare && worstTileShare <= GoldenImage.maxTileDifferingShare }
    }

    static func check(_ png: Data, name: String) throws -> Outcome {
        let reference = directory.appendingPathComponent("\(name).png")
        let actual = directory.appendingPathComponent("\(name).actual.png")
        if ProcessInfo.processInfo.environment["TRACEMAP_UPDATE_GOLDENS"] == "1" {
            try png.write(to: reference)
            try? FileManager.default.removeItem(at: actual)
            return .updated
        }
        guard let expected = FileManager.default.contents(atPath: reference.path) else {
            try png.write(to: actual)
            return .missing("no reference \(reference.path); wrote \(actual.path) (set TRACEMAP_UPDATE_GOLDENS=1)")
        }
        let difference = try compare(png, expected)
        if difference.matches {
            try? FileManager.default.removeItem(at: actual)
            return .matched
        }
        try png.write(to: actual)
        return .differs("\(name): \(difference.detail); actual written to \(actual.path)")
    }

    /// Compares two PNGs pixel by pixel, counting differing pixels overall and per tile.
    static func compare(_ a: Data, _ b: Data) throws -> Difference {
        let x = try ImageSurface(png: a), y = try ImageSurface(png: b)
        guard x.width == y.width, x.height == y.height else {
            return Difference(share: 1, worstTileShare: 1, worstTile: (0, 0),
                              detail: "size \(x.width)×\(x.height) differs from the reference's \(y.width)×\(y.height)")
        }
        let columns = (x.width + tileSize - 1) / tileSize, rows = (x.height + tileSize - 1) / tileSize
        var tiles = [Int](repeating: 0, count: columns * rows)
        var differing = 0
        try x.withPixels { p in
            try y.withPixels { q in
                for row in 0..<x.height {
                    let r1 = p.baseAddress!.advanced(by: row * x.stride).assumingMemoryBound(to: UInt32.self)
                    let r2 = q.baseAddress!.advanced(by: row * y.stride).assumingMemoryBound(to: UInt32.self)
                    for col in 0..<x.width {
                        let u = r1[col], v = r2[col]
                        if u == v { continue }
                        for shift in stride(from: 0, to: 24, by: 8) {
                            let d1 = (u >> UInt32(shift)) & 0xFF, d2 = (v >> UInt32(shift)) & 0xFF
                            if (d1 > d2 ? d1 - d2 : d2 - d1) > channelTolerance {
                                differing += 1
                                tiles[(row / tileSize) * columns + col / tileSize] += 1
                                break
                            }
                        }
                    }
                }
            }
        }
        var worst = 0, worstShare = 0.0
        for (i, count) in tiles.enumerated() where count > 0 {
            let tx = i % columns, ty = i / columns
            // Edge tiles are smaller; their share is over the pixels they hold.
            let area = (min(tileSize, x.width - tx * tileSize)) * (min(tileSize, x.height - ty * tileSize))
            let share = Double(count) / Double(area)
            if share > worstShare { worstShare = share; worst = i }
        }
        let share = Double(differing) / Double(x.width * x.height)
        let tile = (x: worst % columns * tileSize, y: worst / columns * tileSize)
        return Difference(share: share, worstTileShare: worstShare, worstTile: tile, detail: String(
            format: "%d pixels (%.3f%%) differ by more than %d; worst %d px tile at (%d,%d): %.1f%% (limits %.1f%% overall, %.0f%% per tile)",
            differing, share * 100, channelTolerance, tileSize, tile.x, tile.y, worstShare * 100,
            maxDifferingShare * 100, maxTileDifferingShare * 100))
    }
}
