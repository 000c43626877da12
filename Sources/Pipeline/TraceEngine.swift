import Arrival
import Digest
import Foundation
import Gazetteer
import Geocoding
import MapRendering
import Routing

/// From trace bytes to a map: loads the geodata and styles once, then parses, geocodes, routes and renders.
///
/// The one place where the layers meet, shared by `tracemap render`, the export pipeline and the service, so they
/// cannot drift apart. Immutable and `Sendable`: one engine serves every thread.
/// ```swift
/// let engine = try TraceEngine.load()
/// let map = try engine.render(data: traceJSON, options: RenderOptions(width: 800, height: 600))
/// ```
public final class TraceEngine: Sendable {
    public let gazetteer: Gazetteer
    public let geocoder: Geocoder
    public let renderer: MapRenderer
    /// Delivery-time estimates from the route, the priors and (when given) the service's history.
    public let estimator: DeliveryEstimator
    /// Changes whenever the gazetteer, the base map or the styles change: part of every cache key and ETag.
    public let dataVersion: String

    public init(gazetteer: Gazetteer, renderer: MapRenderer) {
        self.gazetteer = gazetteer
        self.geocoder = Geocoder(gazetteer: gazetteer)
        var renderer = renderer
        if renderer.places.isEmpty { renderer.places = TraceEngine.mapPlaces(gazetteer) }
        self.renderer = renderer
        estimator = DeliveryEstimator(prefectures: Prefectures(gazetteer: gazetteer))
        dataVersion = Hex.encode(SHA256.hash(Array(
            [gazetteer.dataVersion, renderer.basemap.dataVersion, TraceEngine.stylesVersion(renderer.styles)]
                .joined(separator: "\n").utf8)).prefix(12))
    }

    /// Loads the gazetteer and base map from the geodata directory (`GeodataLocator`) and the styles directory.
    /// - Throws: `GazetteerError`, `SQLiteError` or `RenderError` naming the file that is missing or corrupt.
    public static func load(geodataDirectory: String? = nil) throws -> TraceEngine {
        let locator = GeodataLocator(explicitDirectory: geodataDirectory)
        let gazetteer = try Gazetteer.load(locator: locator)
        let basemap = try BaseMap(path: try locator.directory() + "/basemap.sqlite")
        return TraceEngine(gazetteer: gazetteer, renderer: MapRenderer(basemap: basemap, styles: try .locate()))
    }

    /// A hash of every style file's bytes, so editing a style changes ETags.
    static func stylesVersion(_ styles: StyleLibrary) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: styles.directory.path)) ?? []
        var hasher = SHA256()
        for name in files.sorted() where name.hasSuffix(".json") {
            hasher.update(Array(name.utf8))
            hasher.update(Array((FileManager.default.contents(atPath: styles.directory.appendingPathComponent(name).path)) ?? Data()))
        }
        return Hex.encode(hasher.finalize())
    }

    /// Parses and geocodes every shipment in `data` (a push can hold several).
    /// - Throws: `TraceError` for bad input.
    public func geocode(data: Data) throws -> [GeocodedTrace] {
        try geocoder.geocode(data: data)
    }

    /// Parses and geocodes `data`, which must hold exactly one shipment's trace or a push whose first one is used.
    /// - Throws: `TraceError` for bad input or when it holds no shipment.
    public func geocodeFirst(data: Data) throws -> GeocodedTrace {
        guard let first = try geocode(data: data).first else {
            throw TraceError(.badField, "the input holds no shipment")
        }
        return first
    }

    /// Builds the route of a geocoded trace.
    public func route(_ trace: GeocodedTrace) -> Route {
        withCities(RouteBuilder.build(trace: trace))
    }

    /// The delivery estimate of a geocoded trace as of `asOf` (now, by default), with `history` when given.
    public func estimate(_ trace: GeocodedTrace, route: Route? = nil, asOf: Date = Date(),
                         history: DeliveryHistory? = nil) -> DeliveryEstimate {
        estimator.estimate(trace: trace, route: route ?? self.route(trace), asOf: asOf, history: history)
    }

    /// Renders a geocoded trace's map.
    /// - Throws: `RenderError` for bad options or a failed drawing.
    public func render(_ trace: GeocodedTrace, options: RenderOptions, history: DeliveryHistory? = nil)
        throws -> RenderedImage
    {
        try renderer.render(scene: scene(trace, history: history), options: options)
    }

    /// Parses, geocodes and renders the first shipment of `data`.
    public func render(data: Data, options: RenderOptions) throws -> RenderedImage {
        try render(geocodeFirst(data: data), options: options)
    }
}
