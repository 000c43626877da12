import Cairo
import Foundation

/// Compares a rendered PNG with a reference under `Fixtures/goldens`, with a tolerance.
///
/// A pixel differs when any channel differs by more than `channelTolerance`; the images match when at most
/// `maxDifferingShare` of the pixels differ (antialiasing and font rasterisation vary slightly between library
/// versions). On a mismatch the actual image is written beside the reference as `NAME.actual.png` (mapnik's
/// visual tests do the same). `TRACEMAP_UPDATE_GOLDENS=1` rewrites the references instead.
enum GoldenImage {
    static let channelTolerance: UInt32 = 40
    static let maxDifferingShare = 0.004

    static var directory: URL { TestSupport.fixtures.appendingPathComponent("goldens") }

    enum Outcome: Equatable {
        case matched
        case updated
        case missing(String)
        case differs(String)
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
        let (share, detail) = try difference(png, expected)
        if share <= maxDifferingShare {
            try? FileManager.default.removeItem(at: actual)
            return .matched
        }
        try png.write(to: actual)
        return .differs("\(name): \(detail); actual written to \(actual.path)")
    }

    /// The share of differing pixels and a description.
    static func difference(_ a: Data, _ b: Data) throws -> (Double, String) {
        let x = try ImageSurface(png: a), y = try ImageSurface(png: b)
        guard x.width == y.width, x.height == y.height else {
            return (1, "size \(x.width)×\(x.height) differs from the reference's \(y.width)×\(y.height)")
        }
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
                            if (d1 > d2 ? d1 - d2 : d2 - d1) > channelTolerance { differing += 1; break }
                        }
                    }
                }
            }
        }
        let share = Double(differing) / Double(x.width * x.height)
        return (share, String(format: "%d pixels (%.3f%%) differ by more than %d", differing, share * 100,
                              channelTolerance))
    }
}
