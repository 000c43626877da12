import Cairo
import Foundation
import Geo

extension MapLayout {
    /// A context city's dot, in CSS pixels.
    struct CityDot {
        var x, y: Double
        var size: Double
        var major: Bool
    }

    /// Context cities for the view: each a dot and a label beside it, placed after every route and region label,
    /// never over them, a marker, the card, the scale bar or the route, and spaced by the style (issue 15 §1).
    ///
    /// Candidates come in rank order (capitals, then major cities, prefecture seats, county seats), larger first
    /// within a rank; a rank shows only from its `MapPlace.minimumZoom`. A city that a stop's label already names,
    /// or whose dot is next to a marker, is skipped: the route says it better.
    static func placeCities(_ places: [MapPlace], style: Style, language: RenderOptions.Language,
                            viewport: Viewport, placer: inout LabelPlacer, markers: [Marker], taken: Set<String>,
                            ranks: ClosedRange<MapPlace.Rank> = .world ... .county, limit: Int,
                            cr: Context) -> (labels: [Label], dots: [CityDot])
    {
        let c = style.cities
        guard style.layers.cities, limit > 0, !places.isEmpty else { return ([], []) }
        let zoom = viewport.zoom
        let bounds = placer.bounds
        var labels: [Label] = []
        var dots: [CityDot] = []
        var measured = 0
        for place in places where labels.count < limit {
            // Places come in rank order: past the ranks this zoom shows, none is left to try.
            if zoom < MapPlace.minimumZoom(for: place.rank) || place.rank > ranks.upperBound { break }
            guard place.rank >= ranks.lowerBound else { continue }
            guard let text = (language == .zh ? place.name : place.englishName).map(MapLayout.typeset), !text.isEmpty,
                  !taken.contains(text)
            else { continue }
            guard let p = viewport.pointInside(place.coordinate, width: bounds.width, height: bounds.height)
            else { continue }
            let major = place.rank <= .major && zoom < 7
            let r = (major ? c.dotSize * 1.25 : c.dotSize) / 2
            let dot = Rect.around(x: p.x, y: p.y, radius: r + 1)
            // The dot keeps clear of the route line (sampled every 12 px): no route point within about 10 px.
            guard bounds.contains(dot), !placer.isBlocked(dot.insetBy(-7)),
                  !markers.contains(where: { $0.rect.insetBy(-10).intersects(dot) })
            else { continue }
            // Text is measured for at most a few times as many candidates as can be placed (it costs more than
            // every other test here).
            measured += 1
            if measured > limit * 4 { break }
            let size = major ? c.majorSize : c.size
            cr.selectFont(family: style.fontFamily)
            cr.setFontSize(size)
            let w = cr.textExtents(text).xAdvance + 4, h = size * 1.25 + 2
            guard let rect = placer.placeBeside(x: p.x, y: p.y, offset: r + 2, width: w, height: h,
                                                dot: dot, spacing: c.spacing)
            else { continue }
            labels.append(Label(text: text, size: size, rect: rect, baselineX: rect.x + 2,
                                baselineY: rect.y + 1 + size * 0.98, isContext: true, role: "context"))
            dots.append(CityDot(x: p.x, y: p.y, size: 2 * r, major: major))
        }
        return (labels, dots)
    }
}
