import Foundation
import Geo
import Geocoding
@testable import MapRendering

/// Shared set-up: the checkout's styles and base map, found from this file's location.
enum TestSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let styles: StyleLibrary = {
        try! StyleLibrary(directory: repoRoot.appendingPathComponent("styles"))
    }()

    static let basemapPath: String = {
        if let dir = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"] { return dir + "/basemap.sqlite" }
        return repoRoot.appendingPathComponent("geodata/basemap.sqlite").path
    }()

    static let basemap: BaseMap = { try! BaseMap(path: basemapPath) }()

    static let renderer = MapRenderer(basemap: basemap, styles: styles)

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }
}
