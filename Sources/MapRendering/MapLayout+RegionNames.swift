import Cairo
import Foundation
import Geo

extension MapLayout {
    /// Country and province (US state) names at their label points: provinces first when they show (the view is
    /// about China), countries first otherwise, larger places first within each group; each only where the place
    /// is wide enough on screen to carry its name, and free of everything placed before it.
    static func placeRegionNames(_ context: [BaseMap.PlaceLabel], skipping named: Set<String>, taken: Set<String>,
                                 style: Style, language: RenderOptions.Language, viewport: Viewport,
                                 placer: inout LabelPlacer, showProvinces: Bool, limit: Int, cr: Context) -> [Label]
    {
        let zoom = viewport.zoom
        let bounds = placer.bounds.insetBy(-2)  // the whole image: a label point anywhere on it is tried
        var contextRequests: [LabelPlacer.Request] = []
        var contextTexts: [Int: (String, Double)] = [:]
        var areas: [Int: Double] = [:]
        let wraps = [-360.0, 0, 360]
        for (index, place) in context.enumerated() {
            let isCountry = place.kind == .country
            if isCountry && (zoom >= 5.5 || (showProvinces && place.name == "中国")) { continue }
            if isCountry, let code = place.code, named.contains(code) { continue }
            if !isCountry && !showProvinces { continue }
            let text = MapLayout.typeset(language == .zh ? (place.shortName ?? place.name)
                : (place.englishName.map { MapLayout.shortEnglishNames[$0] ?? $0 } ?? place.name))
            guard !taken.contains(text) else { continue }
            let size = isCountry ? style.contextLabels.countrySize : style.contextLabels.size
            // The wrapping of the label point nearest the view.
            guard let p = wraps.lazy.map({ viewport.point(Coordinate(lat: place.lat, lon: place.lon + $0)) })
                .first(where: { $0.x > -200 && $0.x < bounds.width + 200 }),
                p.x > 0, p.x < bounds.width, p.y > 0, p.y < bounds.height
            else { continue }
            cr.selectFont(family: style.fontFamily)
            cr.setFontSize(size)
            let w = cr.textExtents(text).xAdvance + 4
            // Only places wide enough on screen to carry their name (no "Andorra" across half of Europe).
            let onScreenWidth = place.lonSpan / 360 * viewport.worldSize
            // A province may run a little past its land (台湾 and 海南 are named on a whole-China view, as Chinese
            // maps do); a country must hold its name.
            guard onScreenWidth >= w * (isCountry ? 1.2 : 0.6) else { continue }
            contextTexts[index] = (text, size)
            // Provinces first when they show (the view is about China), countries first otherwise.
            let priority = (isCountry == !showProvinces) ? 1 : 0
            areas[index] = place.lonSpan * place.latSpan
            contextRequests.append(LabelPlacer.Request(id: index, anchorX: p.x, anchorY: p.y, offset: 0, width: w,
                                                       height: size * 1.25 + 2, priority: priority))
        }
        // Larger places first within each group.
        contextRequests.sort {
            if $0.priority != $1.priority { return $0.priority > $1.priority }
            let a = areas[$0.id] ?? 0, b = areas[$1.id] ?? 0
            return a != b ? a > b : $0.id < $1.id
        }
        return placer.placeCentred(contextRequests, limit: limit).map { placement in
            let (text, size) = contextTexts[placement.id]!
            return Label(text: text, size: size, rect: placement.rect, baselineX: placement.rect.x + 2,
                         baselineY: placement.rect.y + 1 + size * 0.98, isContext: true, role: "region")
        }
    }

    /// The route's paths in image pixels, with points every 12 px along each segment so short straight legs
    /// count too: what labels may not cover.
    static func routeSamples(_ scene: MapScene, viewport: Viewport) -> [(x: Double, y: Double)] {
        var routePoints: [(x: Double, y: Double)] = []
        for path in [scene.travelled, scene.remaining] {
            for i in path.indices {
                let a = viewport.point(path[i])
                routePoints.append(a)
                if i + 1 < path.count {  // midpoints so short straight legs count too
                    let b = viewport.point(path[i + 1])
                    let steps = min(Int(hypot(b.x - a.x, b.y - a.y) / 12), 200)
                    if steps > 1 {
                        for k in 1..<steps {
                            let t = Double(k) / Double(steps)
                            routePoints.append((a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                        }
                    }
                }
            }
        }
        return routePoints
    }
}
