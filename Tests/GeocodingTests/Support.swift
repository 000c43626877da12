import Foundation
import Gazetteer
@testable import Geocoding

/// Shared fixtures: the real gazetteer and geocoder (built once per process) and fixture files.
enum Support {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = here.appendingPathComponent("Fixtures").path

    static let geocoder: Geocoder = {
        do { return Geocoder(gazetteer: try Gazetteer.load(path: root + "/geodata/gazetteer.sqlite")) } catch {
            fatalError("geodata/gazetteer.sqlite must load for these tests: \(error)")
        }
    }()

    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: fixtures + "/samples/" + name))
    }

    /// A native trace of texts one minute apart, geocoded.
    static func geocode(_ texts: [String]) throws -> GeocodedTrace {
        let events = texts.enumerated().map { i, t in
            ["time": String(format: "2026-11-20 10:%02d:00", i), "text": t]
        }
        let data = try JSONSerialization.data(withJSONObject: ["events": events])
        return try `require`(try geocoder.geocode(data: data).first)
    }

    /// The place of a single-event trace.
    static func place(_ text: String) throws -> LocatedPlace? { try geocode([text]).events[0].place }

    static func next(_ text: String) throws -> LocatedPlace? { try geocode([text]).events[0].next }
}

/// `#require` outside a test body, for the helpers above.
func `require`<T>(_ value: T?) throws -> T {
    guard let value else { throw TraceError(.unknownFormat, "required value missing") }
    return value
}
