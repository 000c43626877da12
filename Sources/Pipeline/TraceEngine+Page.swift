import Arrival
import Foundation
import Geocoding
import MapRendering
import Routing
import TrackingPage

extension TraceEngine {
    /// The map size the tracking page renders (CSS pixels; the SVG scales to the page's width).
    public static let pageMapSize = (width: 800, height: 560)

    /// The self-contained HTML tracking page of `trace`: its map as inline SVG without the renderer's card,
    /// the card and timeline in HTML.
    /// - Parameters:
    ///   - estimate: an optional ETA line, already worded.
    ///   - eventsURL: where the page listens for updates (nil: a static page).
    ///   - version: the page's ETag, for the script's conditional refetch.
    /// - Throws: `RenderError` for a failed drawing.
    public func page(trace: GeocodedTrace, language: RenderOptions.Language, theme: TrackingPage.Theme = .default,
                     estimate: String? = nil, eventsURL: String? = nil, version: String? = nil,
                     history: DeliveryHistory? = nil) throws -> String
    {
        let scene = scene(trace, history: history)
        // The ETA line, worded as on the card, unless the caller worded one.
        let estimate = estimate ?? scene.expected?.text(language)
        var map: RenderedImage?
        if !scene.isUnknown {
            let options = RenderOptions(width: Self.pageMapSize.width, height: Self.pageMapSize.height,
                                        style: theme.rawValue, format: .svg, language: language, card: false)
            map = try renderer.render(scene: scene, options: options)
        }
        return TrackingPage(trace: trace, scene: scene, map: map, language: language, theme: theme,
                            estimate: estimate, eventsURL: eventsURL, version: version).html
    }
}
