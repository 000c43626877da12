import Foundation
import Geocoding
import HTTPServer
import MapRendering
import Pipeline

/// The service's one limits gate: every entry point reads traces and render options through it.
///
/// Render, stored maps, shipment PUTs, both webhooks and the shipment map, page and GeoJSON all geocode with
/// `geocodeAll`/`geocodeFirst` and read options with `options(_:base:)`, so the named settings (`maxEvents`,
/// `maxImagePixels`, `maxBodyBytes`) hold on every route with the same error codes and statuses:
///
/// | limit | error |
/// |---|---|
/// | more events than `maxEvents` | 400 `trace.too_many_events` |
/// | width × height × scale² over `maxImagePixels` | 400 `render.size_too_large` |
/// | size or scale outside `RenderLimits` | 400 with the `RenderError` code |
public struct LimitsGate: Sendable {
    public let maxEvents: Int
    public let maxImagePixels: Int
    public let maxBodyBytes: Int
    /// The engine's gazetteer with this gate's trace limits.
    let geocoder: Geocoder

    /// A gate over `engine`'s gazetteer with `config`'s limits.
    public init(config: ServiceConfig, engine: TraceEngine) {
        maxEvents = config.maxEvents
        maxImagePixels = config.maxImagePixels
        maxBodyBytes = config.limits.maxBodyBytes
        geocoder = Geocoder(gazetteer: engine.gazetteer,
                            limits: TraceLimits(maxEvents: maxEvents, maxBodyBytes: maxBodyBytes))
    }

    /// `base` with the query's render options applied, validated against `RenderLimits` and `maxImagePixels`.
    /// - Throws: `RenderError` for a malformed or out-of-range value (400 with its code).
    public func options(_ items: [QueryItem], base: RenderOptions = RenderOptions()) throws -> RenderOptions {
        try checked(RenderQuery.options(items, base: base))
    }

    /// `options` if their pixel count (width × height × scale²) is within `maxImagePixels`.
    /// - Throws: `RenderError` `render.size_too_large` (400).
    public func checked(_ options: RenderOptions) throws -> RenderOptions {
        let pixels = options.width * options.height * options.scale * options.scale
        guard pixels <= maxImagePixels else {
            throw RenderError(.sizeTooLarge, "\(options.width)x\(options.height) at scale \(options.scale) is "
                + "\(pixels) pixels; the limit is \(maxImagePixels)")
        }
        return options
    }

    /// Every shipment of a body, geocoded within the trace limits.
    /// - Throws: `TraceError` for bad input; more events than `maxEvents` is `HTTPError` 400 `trace.too_many_events`.
    public func geocodeAll(_ data: Data) throws -> [GeocodedTrace] {
        do {
            return try geocoder.geocode(data: data)
        } catch let error as TraceError where error.code == .tooManyEvents {
            // A service limit, not a malformed body: 400 (the geocoder's own error says 413).
            throw HTTPError(status: 400, code: error.code.rawValue, message: error.message)
        }
    }

    /// The first shipment of a body, geocoded within the trace limits.
    /// - Throws: as `geocodeAll`; a body with no shipment is `TraceError` `trace.bad_field`.
    public func geocodeFirst(_ data: Data) throws -> GeocodedTrace {
        guard let first = try geocodeAll(data).first else {
            throw TraceError(.badField, "the input holds no shipment")
        }
        return first
    }
}
