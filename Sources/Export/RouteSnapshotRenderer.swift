import Foundation
import Gazetteer
import Geocoding
import MapRendering
import Routing

/// The real snapshot renderer: parse (any trace format) → geocode → build the route → draw each format.
///
/// The geocoder (with its in-memory gazetteer) and the map renderer (base map, styles) are immutable and shared by
/// every worker; each render makes its own Cairo objects. The route is built without an `asOf` time, so the same
/// trace always gives the same bytes, which `--resume` relies on.
public struct RouteSnapshotRenderer: SnapshotRenderer {
    public let geocoder: Geocoder
    public let mapRenderer: MapRenderer
    /// Size, scale, style and language; the format is set per image.
    public let options: RenderOptions

    public init(geocoder: Geocoder, mapRenderer: MapRenderer, options: RenderOptions) {
        self.geocoder = geocoder
        self.mapRenderer = mapRenderer
        self.options = options
    }

    public func snapshot(of data: Data, formats: [SnapshotFormat]) throws -> Snapshot {
        let traces: [Trace]
        do {
            traces = try geocoder.parser.parse(data)
        } catch let error as TraceError {
            throw ItemError(code: error.code.rawValue, message: error.message)
        }
        // The export splits multi-shipment pushes before this point, so one record is one shipment.
        guard traces.count == 1, let trace = traces.first else {
            throw ItemError(code: "trace.multiple_shipments",
                            message: "the record holds \(traces.count) shipments where one was expected")
        }
        let geocoded = geocoder.geocode(trace)
        let route = RouteBuilder.build(trace: geocoded)
        let scene = MapScene(route: route, trace: geocoded)
        var images: [SnapshotFormat: Data] = [:]
        for format in formats {
            var formatOptions = options
            formatOptions.format = Self.renderFormat(format)
            do {
                images[format] = try mapRenderer.render(scene: scene, options: formatOptions).data
            } catch let error as RenderError {
                throw ItemError(code: error.code.rawValue, message: error.message)
            }
        }
        let place = route.currentPlace.map { options.language == .en ? ($0.englishName ?? $0.name) : $0.name }
        return Snapshot(carrier: trace.carrier, number: trace.number, images: images, state: route.state.rawValue,
                        progress: route.progress, currentPlace: place)
    }

    static func renderFormat(_ format: SnapshotFormat) -> RenderOptions.Format {
        switch format {
        case .png: return .png
        case .svg: return .svg
        case .pdf: return .pdf
        }
    }
}

extension RouteSnapshotRenderer {
    /// Loads the shipped data the way every command does: the gazetteer (`GeodataLocator`), the base map and the
    /// styles (`ResourceLocator`), then checks `options` against the renderer's limits and style names, so a bad
    /// option fails before any item is read.
    ///
    /// - Throws: `GazetteerError` or `RenderError` (bad options are `render.invalid_size`, `render.unknown_style`…).
    public static func load(options: RenderOptions) throws -> RouteSnapshotRenderer {
        let mapRenderer = MapRenderer(basemap: try BaseMap.locate(), styles: try StyleLibrary.locate())
        try mapRenderer.limits.validate(options)
        _ = try mapRenderer.styles.style(named: options.style)
        let gazetteer = try Gazetteer.load(path: try GeodataLocator().gazetteerPath())
        return RouteSnapshotRenderer(geocoder: Geocoder(gazetteer: gazetteer), mapRenderer: mapRenderer,
                                     options: options)
    }
}
