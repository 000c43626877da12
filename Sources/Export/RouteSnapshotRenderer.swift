import Foundation
import Gazetteer
import Geocoding
import MapRendering
import Pipeline
import Routing

/// The real snapshot renderer: parse (any trace format) → geocode → build the route → draw each format.
///
/// The engine composes the pipeline as it does for `tracemap render` and the service (stop cities, context
/// cities, the card's ETA, the predicted hub); it is immutable and shared by every worker, and each render makes
/// its own Cairo objects. The estimate is made as of the last event, not the clock, so the same trace always gives
/// the same bytes, which `--resume` relies on.
public struct RouteSnapshotRenderer: SnapshotRenderer {
    public let engine: TraceEngine
    public var geocoder: Geocoder { engine.geocoder }
    public var mapRenderer: MapRenderer { engine.renderer }
    /// Size, scale, style and language; the format is set per image.
    public let options: RenderOptions

    public init(engine: TraceEngine, options: RenderOptions) {
        self.engine = engine
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
        let scene = engine.sceneAsOfLastEvent(geocoded)
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
        // The manifest names the current place as the card does.
        let place = options.language == .en ? (scene.currentEnglishName ?? scene.currentName) : scene.currentName
        return Snapshot(carrier: trace.carrier, number: trace.number, images: images, state: scene.state.rawValue,
                        progress: scene.progress, currentPlace: place)
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
        return RouteSnapshotRenderer(engine: TraceEngine(gazetteer: gazetteer, renderer: mapRenderer), options: options)
    }
}
