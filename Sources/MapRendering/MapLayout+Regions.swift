import Cairo
import Foundation
import Geo

extension MapLayout {
    /// The names maps print for countries whose Natural Earth English name is the long form.
    static let shortEnglishNames = ["United States of America": "United States", "Democratic Republic of the Congo": "DR Congo",
                                    "Central African Republic": "Central African Rep.", "Bosnia and Herzegovina": "Bosnia"]

    /// The countries a route touches (origin, destination and every country its paths cross), by the base map's
    /// country grid; in the order the path meets them.
    static func routeCountries(_ scene: MapScene, grid: CountryGrid) -> [(code: String, points: [Coordinate])] {
        var index: [String: Int] = [:]
        var ordered: [(code: String, points: [Coordinate])] = []
        for p in scene.stops.map(\.coordinate) + scene.travelled + scene.remaining {
            guard let code = grid.country(lat: p.lat, lon: p.lon) else { continue }
            if let i = index[code] { ordered[i].points.append(p) } else {
                index[code] = ordered.count
                ordered.append((code, [p]))
            }
        }
        return ordered
    }

    /// Labels the countries of the route, each at the first of several anchors where its name fits on its own
    /// land: the country's label point, then the points of its part in view nearest the route's
    /// points in it (issue 15 §4: a Yiwu→Madrid map names Russia and Kazakhstan even though their label points are
    /// far from the route or off the map). Returns the placed labels and the codes they named.
    static func placeRouteCountries(_ countries: [(code: String, points: [Coordinate])], context: [BaseMap.PlaceLabel], grid: CountryGrid,
                                    style: Style, language: RenderOptions.Language, viewport: Viewport,
                                    placer: inout LabelPlacer, limit: Int, taken: Set<String>, cr: Context) -> (labels: [Label], codes: Set<String>)
    {
        guard !countries.isEmpty, limit > 0 else { return ([], []) }
        let byCode = Dictionary(context.filter { $0.kind == .country && $0.code != nil }.map { ($0.code!, $0) },
                                uniquingKeysWith: { a, _ in a })
        let bounds = placer.bounds
        func coordinate(_ x: Double, _ y: Double) -> Coordinate {
            WebMercator.unproject(PixelPoint(x: viewport.originX + x, y: viewport.originY + y), zoom: viewport.zoom)
        }
        // A coarse sample of the view: which country lies under each point.
        let step = 20.0
        var samples: [String: [(x: Double, y: Double)]] = [:]
        let wanted = Set(countries.map(\.code))
        var y = step / 2
        while y < bounds.maxY {
            var x = step / 2
            while x < bounds.maxX {
                let c = coordinate(x, y)
                if let code = grid.country(lat: c.lat, lon: c.lon), wanted.contains(code) {
                    samples[code, default: []].append((x, y))
                }
                x += step
            }
            y += step
        }
        let size = style.contextLabels.countrySize
        var labels: [Label] = []
        var placed: Set<String> = []
        for (code, routePoints) in countries where labels.count < limit {
            guard let place = byCode[code], let points = samples[code], points.count >= 2 else { continue }
            let english = place.englishName.map { MapLayout.shortEnglishNames[$0] ?? $0 }
            let text = MapLayout.typeset(language == .zh ? (place.shortName ?? place.name) : (english ?? place.name))
            // A stop already named by its country (a customs event placed only at 哈萨克斯坦) says it.
            guard !taken.contains(text) else { continue }
            cr.selectFont(family: style.fontFamily)
            cr.setFontSize(size)
            let w = cr.textExtents(text).xAdvance + 4, h = size * 1.25 + 2
            // Near the route where it is in this country (beside Los Angeles, not in Alaska).
            let near = routePoints.map { viewport.point($0) }
            let cx = near.map(\.x).reduce(0, +) / Double(near.count)
            let cy = near.map(\.y).reduce(0, +) / Double(near.count)
            var anchors: [(x: Double, y: Double)] = []
            let official = viewport.pointInside(Coordinate(lat: place.lat, lon: place.lon), width: bounds.maxX,
                                                height: bounds.maxY)
            if let official { anchors.append(official) }
            anchors += points.sorted { hypot($0.x - cx, $0.y - cy) < hypot($1.x - cx, $1.y - cy) }.prefix(80)
            for a in anchors {
                let rect = Rect(x: a.x - w / 2, y: a.y - h / 2, width: w, height: h)
                // Both ends and the middle on the country itself, not the sea or a neighbour.
                let onLand = [(rect.x + 2, a.y), (a.x, a.y), (rect.maxX - 2, a.y)].allSatisfy { p in
                    let c = coordinate(p.0, p.1)
                    return grid.country(lat: c.lat, lon: c.lon) == code
                }
                guard onLand, let free = placer.placeCentred(rect) else { continue }
                labels.append(Label(text: text, size: size, rect: free, baselineX: free.x + 2,
                                    baselineY: free.y + 1 + size * 0.98, isContext: true, role: "region"))
                placed.insert(code)
                break
            }
        }
        return (labels, placed)
    }
}
