import Cairo
import Foundation
import Geo

/// Where everything goes on one map: the view, the markers, the placed labels, the card, the scale bar and the
/// attribution, all in CSS pixels. Computed before any drawing, using the drawing context to measure text.
struct MapLayout {
    enum MarkerRole: Int, Comparable {
        case hub = 0, predicted, origin, destination, current
        static func < (a: MarkerRole, b: MarkerRole) -> Bool { a.rawValue < b.rawValue }
    }

    struct Marker {
        var role: MarkerRole
        var x, y: Double
        /// The box labels must avoid.
        var rect: Rect
        /// A destination the parcel was refused at (drawn grey, with a cross).
        var refused = false
    }

    struct Label {
        var text: String
        var size: Double
        var rect: Rect
        /// Baseline origin of the text inside `rect`.
        var baselineX, baselineY: Double
        /// A country or province name (drawn small and muted) rather than a stop's label.
        var isContext = false
        /// What the label names, for `SceneDescription`: origin, hub, current, destination, predicted or region.
        var role = "hub"
    }

    struct Card {
        var rect: Rect
        var compact: Bool
        var text: CardText
        var titleSize, textSize: Double
        var padding: Double
    }

    struct ScaleBar {
        var x, y: Double
        var length: Double
        var text: String
    }

    var viewport: Viewport
    var lod: Int
    /// The base map level for border lines.
    var lineLOD: Int
    var showProvinceBorders: Bool
    var showPrefectureBorders: Bool
    var showRivers: Bool
    /// The scene's paths and points on one continuous wrapping, for projecting.
    var scene: MapScene
    /// The scene's travelled and remaining paths in image pixels, a return drawn beside the way out.
    var travelledPixels: [(x: Double, y: Double)] = []
    var remainingPixels: [(x: Double, y: Double)] = []
    var markers: [Marker]
    var labels: [Label]
    /// The dots of the context cities among `labels`.
    var cityDots: [CityDot] = []
    var card: Card?
    var scaleBar: ScaleBar?
    var attribution: (text: String, x: Double, y: Double)?

    /// GeoNames (CC BY 4.0) requires attribution; Natural Earth, DCW-GMT and GSHHG are credited as the base map's
    /// sources (`meta.attribution` says which it used).
    static func attributionText(_ basemap: BaseMap?) -> String {
        var text = "© GeoNames CC BY 4.0 · Natural Earth"
        if basemap?.attribution?.contains("DCW") == true { text += " · DCW-GMT" }
        if basemap?.attribution?.contains("GSHHG") == true { text += " · GSHHG" }
        return text
    }

    init(scene original: MapScene, style: Style, options: RenderOptions, detail: MapDetail, language: RenderOptions.Language,
         basemap: BaseMap? = nil, places: [MapPlace] = [], measure cr: Context)
    {
        let W = Double(options.width), H = Double(options.height)
        let scene = MapLayout.unwrapped(original)
        self.scene = scene
        let bounds = Rect(x: 0, y: 0, width: W, height: H)

        // Attribution along the bottom-right edge.
        var reserved: [Rect] = []
        if style.layers.attribution {
            cr.selectFont(family: style.fontFamily)
            cr.setFontSize(style.attributionSize)
            let text = MapLayout.attributionText(basemap)
            let w = cr.textExtents(text).xAdvance
            let x = W - w - 4, y = H - 4
            attribution = (text, x, y)
            reserved.append(Rect(x: x - 2, y: H - style.attributionSize - 6, width: w + 6, height: style.attributionSize + 6))
        }

        // Card size.
        var card: Card?
        // A style without a card (minimal) still says, in a pill, what the map alone cannot: a parcel going
        // back, in trouble, or with no known route (issue 15 §4).
        let stateMatters = scene.isUnknown || [.returning, .problem].contains(scene.state)
        if options.card && (style.layers.card || stateMatters) {
            card = MapLayout.cardSize(CardText(scene: scene, language: language), style: style, width: W, height: H,
                                      detail: detail, compact: !style.layers.card, cr: cr)
        }

        // Fit the view; then put the card in the corner that hides least, refitting when it still hides something.
        let markerExtent = max(style.origin.size, style.destination.size, style.current.size) / 2 + 4
        let side = min(max(min(W, H) * 0.07, 16), 56) + markerExtent
        var margins = Viewport.Margins(top: side + (style.destination.shape == .pin ? style.destination.size * 0.6 : 0),
                                       left: side + 10, bottom: side + (style.layers.attribution ? 10 : 0),
                                       right: side + 10)
        let points = scene.allPoints
        func fit(_ m: Viewport.Margins) -> Viewport {
            points.isEmpty ? Viewport.china(width: W, height: H, margins: m)
                : Viewport.fit(points, width: W, height: H, margins: m, minZoom: detail.minZoom, maxZoom: detail.maxZoom)
        }
        var viewport = fit(margins)
        if var c = card {
            let gap = 10.0
            func corners(_ size: Rect) -> [Rect] {
                [Rect(x: gap, y: H - size.height - gap - (style.layers.attribution ? 8 : 0), width: size.width, height: size.height),
                 Rect(x: W - size.width - gap, y: H - size.height - gap - (style.layers.attribution ? 12 : 0),
                      width: size.width, height: size.height),
                 Rect(x: gap, y: gap, width: size.width, height: size.height),
                 Rect(x: W - size.width - gap, y: gap, width: size.width, height: size.height)]
            }
            func cost(_ rect: Rect, _ v: Viewport) -> Int {
                var total = 0
                let grown = rect.insetBy(-8)
                for p in points {
                    let q = v.point(p)
                    if grown.contains(x: q.x, y: q.y) { total += 1 }
                }
                for s in scene.stops {
                    let q = v.point(s.coordinate)
                    if rect.insetBy(-24).contains(x: q.x, y: q.y) { total += 20 }
                }
                return total
            }
            let options = corners(c.rect)
            var best = 0
            var bestCost = Int.max
            for (i, r) in options.enumerated() {
                let k = cost(r, viewport)
                if k < bestCost { bestCost = k; best = i }
            }
            if bestCost > 0, !points.isEmpty {
                // Give the card its own band on that side and fit again.
                if best < 2 { margins.bottom = max(margins.bottom, c.rect.height + 2 * gap + 18) }
                else { margins.top = max(margins.top, c.rect.height + 2 * gap + 18) }
                viewport = fit(margins)
            }
            c.rect = options[best]
            card = c
            reserved.append(c.rect)
        }
        self.card = card
        self.viewport = viewport
        let (minX, minY, maxX, maxY) = viewport.worldBounds
        let view = (WebMercator.lon(x: minX, zoom: 0), WebMercator.lat(y: maxY, zoom: 0),
                    WebMercator.lon(x: maxX, zoom: 0), WebMercator.lat(y: minY, zoom: 0))
        func level(_ zoom: Double) -> Int {
            let lod = detail.lod(zoom: zoom)
            return basemap?.level(lod, covering: view.0, view.1, view.2, view.3) ?? lod
        }
        lod = level(viewport.zoom)
        lineLOD = level(viewport.zoom - detail.borderZoomOffset)
        showRivers = style.layers.rivers && viewport.zoom >= detail.riverZoom
        showProvinceBorders = style.layers.provinceBorders && viewport.zoom >= detail.provinceBorderZoom
        showPrefectureBorders = style.layers.prefectureBorders && viewport.zoom >= detail.prefectureBorderZoom

        // Scale bar at the bottom, on the side the card does not use; none on world-scale views, where Mercator's
        // scale changes so much across the map that any one bar lies.
        if style.layers.scaleBar && viewport.zoom >= MapLayout.scaleBarMinZoom {
            let metresPerPixel = WebMercator.metresPerPixel(lat: viewport.centre.lat, zoom: viewport.zoom)
            let (length, text) = MapLayout.niceScale(metresPerPixel: metresPerPixel, maxPixels: min(110, W * 0.22))
            let cardOnLeftBottom = card.map { $0.rect.x < W / 2 && $0.rect.y > H / 2 } ?? false
            let x = cardOnLeftBottom ? W - length - 14 : 14
            let y = H - (style.layers.attribution && cardOnLeftBottom ? 22 : 14)
            scaleBar = ScaleBar(x: x, y: y, length: length, text: text)
            reserved.append(Rect(x: x - 4, y: y - style.scaleBar.textSize - 8, width: length + 8 + 60,
                                 height: style.scaleBar.textSize + 14))
        }

        (travelledPixels, remainingPixels) = MapLayout.routePixels(travelled: scene.travelled.map { viewport.point($0) },
                                                                   remaining: scene.remaining.map { viewport.point($0) })

        // Markers.
        var markers: [Marker] = []
        for stop in scene.stops {
            let p = viewport.point(stop.coordinate)
            let role: MarkerRole
            let m: Style.Marker
            switch stop.kind {
            case .origin: role = .origin; m = style.origin
            case .destination: role = .destination; m = style.destination
            case .hub: role = .hub; m = style.hub
            case .predicted: role = .predicted; m = style.hub
            }
            markers.append(Marker(role: role, x: p.x, y: p.y, rect: MapLayout.markerRect(m, x: p.x, y: p.y),
                                  refused: stop.isRefused))
        }
        if let current = scene.current {
            let p = viewport.point(current)
            markers.append(Marker(role: .current, x: p.x, y: p.y, rect: MapLayout.markerRect(style.current, x: p.x, y: p.y)))
        }
        markers.sort { $0.role < $1.role }
        // One marker where the parcel is at its destination (issue 15 §4: the pin must not cover the pulse): a
        // delivered parcel keeps the destination pin (drawn in the delivered colour), one still moving the pulse.
        if let c = markers.firstIndex(where: { $0.role == .current }),
           let d = markers.firstIndex(where: { $0.role == .destination && hypot($0.x - markers[c].x, $0.y - markers[c].y) < 3 })
        {
            markers.remove(at: scene.state == .delivered ? c : d)
        }
        self.markers = markers

        (labels, cityDots) = MapLayout.placeLabels(
            scene: scene, style: style, language: language, viewport: viewport, markers: markers, reserved: reserved,
            bounds: bounds, cr: cr, context: style.layers.contextLabels ? (basemap?.placeLabels ?? []) : [],
            places: places, grid: basemap?.countryGrid ?? .empty, detail: detail)
    }

    /// The scene with stops and the current position moved onto the paths' wrapping (LA at 241.8° when the path
    /// reaches it over the Pacific), so one projection draws everything continuously.
    static func unwrapped(_ scene: MapScene) -> MapScene {
        var s = scene
        let path = s.travelled + s.remaining
        let reference: Double
        if let minLon = path.map(\.lon).min(), let maxLon = path.map(\.lon).max() {
            reference = (minLon + maxLon) / 2
        } else if let box = BoundingBox.enclosing(s.stops.map(\.coordinate) + (s.current.map { [$0] } ?? [])) {
            reference = (box.minLon + box.maxLon) / 2
        } else {
            return s
        }
        for i in s.stops.indices {
            s.stops[i].coordinate.lon = WebMercator.longitude(s.stops[i].coordinate.lon, nearestTo: reference)
        }
        if let c = s.current { s.current?.lon = WebMercator.longitude(c.lon, nearestTo: reference) }
        return s
    }

    /// Map text as the label font sets it well: the typographic apostrophe (’), which the CJK font draws full-width
    /// ("Xi’ an"), becomes the plain one (Xi'an).
    static func typeset(_ text: String) -> String {
        text.contains("’") || text.contains("‘")
            ? text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'") : text
    }

    /// `text` shortened with an ellipsis to at most `maxWidth` in the current font.
    static func truncated(_ text: String, maxWidth: Double, cr: Context) -> String {
        guard cr.textExtents(text).xAdvance > maxWidth else { return text }
        var chars = Array(text)
        while chars.count > 1 {
            chars.removeLast()
            while chars.last == " " { chars.removeLast() }
            let candidate = String(chars) + "…"
            if cr.textExtents(candidate).xAdvance <= maxWidth { return candidate }
        }
        return String(chars) + "…"
    }

    static func markerRect(_ m: Style.Marker, x: Double, y: Double) -> Rect {
        if m.shape == .pin {
            let r = m.size * 0.36
            return Rect(x: x - r - 1, y: y - m.size - 1, width: 2 * r + 2, height: m.size + 2)
        }
        return Rect.around(x: x, y: y, radius: m.size / 2 + m.strokeWidth / 2 + 1)
    }

    /// A scale bar length at most `maxPixels` long showing a round distance (1, 2 or 5 × 10ⁿ metres).
    static func niceScale(metresPerPixel: Double, maxPixels: Double) -> (Double, String) {
        let maxMetres = metresPerPixel * maxPixels
        var unit = pow(10, floor(log10(maxMetres)))
        if unit * 5 <= maxMetres { unit *= 5 } else if unit * 2 <= maxMetres { unit *= 2 }
        let text = unit >= 1000 ? "\(Int(unit / 1000)) km" : "\(Int(unit)) m"
        return (unit / metresPerPixel, text)
    }

    static func cardSize(_ text: CardText, style: Style, width W: Double, height H: Double, detail: MapDetail,
                         compact: Bool = false, cr: Context) -> Card
    {
        let s = style.card
        if compact || W < detail.fullCardMinWidth || H < detail.fullCardMinHeight {
            let pillText = [text.title, text.progress.map { "\(Int(($0 * 100).rounded()))%" }].compactMap { $0 }
                .joined(separator: " · ")
            var t = text
            t.title = pillText
            cr.selectFont(family: style.fontFamily, bold: true)
            cr.setFontSize(s.textSize)
            let w = cr.textExtents(pillText).xAdvance + 16
            return Card(rect: Rect(x: 0, y: 0, width: w, height: s.textSize + 10), compact: true, text: t,
                        titleSize: s.textSize, textSize: s.textSize, padding: 8)
        }
        let padding = 12.0
        cr.selectFont(family: style.fontFamily, bold: true)
        cr.setFontSize(s.titleSize)
        var widest = cr.textExtents(text.title).xAdvance
        cr.selectFont(family: style.fontFamily)
        cr.setFontSize(s.textSize * 0.9)
        if let sub = text.subtitle { widest += 10 + cr.textExtents(sub).xAdvance }
        cr.setFontSize(s.textSize)
        for line in text.lines + (text.progressText.map { [$0] } ?? []) {
            widest = max(widest, cr.textExtents(line).xAdvance)
        }
        let w = min(max(widest + 2 * padding, 200), min(W * 0.62, 320))
        var h = padding + s.titleSize * 1.25 + Double(text.lines.count) * s.textSize * 1.5
        if text.progressText != nil || text.progress != nil { h += 6 + (text.progress != nil ? 10 : 0) + s.textSize * 1.4 }
        h += padding - 2
        return Card(rect: Rect(x: 0, y: 0, width: w, height: h), compact: false, text: text, titleSize: s.titleSize,
                    textSize: s.textSize, padding: padding)
    }

    /// Below this zoom (about a quarter of the world across 800 px) the map has no scale bar.
    static let scaleBarMinZoom = 3.0

    /// Below this zoom (a country, a few provinces or the world in view) stops are labelled by their city.
    static let cityLabelZoom = 8.0

    static func placeLabels(scene: MapScene, style: Style, language: RenderOptions.Language, viewport: Viewport,
                            markers: [Marker], reserved: [Rect], bounds: Rect, cr: Context,
                            context: [BaseMap.PlaceLabel] = [], places: [MapPlace] = [],
                            grid: CountryGrid = .empty,
                            detail: MapDetail = .default) -> (labels: [Label], dots: [CityDot])
    {
        let zh = language == .zh
        var requests: [LabelPlacer.Request] = []
        var texts: [Int: (String, Double)] = [:]
        var roles: [Int: String] = [:]
        var seen: Set<String> = []
        let current = scene.current.map { viewport.point($0) }
        for (index, stop) in scene.stops.enumerated() {
            let p = viewport.point(stop.coordinate)
            let atCurrent = current.map { abs($0.x - p.x) < 2 && abs($0.y - p.y) < 2 } ?? false
            let important = stop.kind == .origin || stop.kind == .destination || atCurrent
            if !important && !style.layers.hubLabels { continue }
            var text = zh ? stop.name : (stop.englishName ?? stop.name)
            // At country and world views a stop is labelled by its city (广州, not 嘉禾街道; 乌鲁木齐, not 天山区), so
            // the names are of one kind; districts, towns and sites are for province and city views.
            if viewport.zoom < MapLayout.cityLabelZoom,
               let city = zh ? stop.cityName : (stop.cityEnglishName ?? stop.cityName) {
                text = city
            } else if important, zh, let city = stop.cityName, !text.hasPrefix(city), !city.hasPrefix(text) {
                // Closer in, the ends of the route say their district or town with its city (广州天河区, 香港油尖旺区),
                // as a Chinese address does: the city's own label gives way to the marker.
                text = city + text
            }
            if stop.kind == .predicted { text += zh ? "（预计）" : " (expected)" }
            text = MapLayout.typeset(text)
            guard !seen.contains(text) else { continue }
            seen.insert(text)
            let size = important ? style.labels.importantSize : style.labels.size
            cr.selectFont(family: style.fontFamily, bold: important)
            cr.setFontSize(size)
            // Labels wider than the style's maxWidth (or a third of the map) are cut with an ellipsis.
            text = MapLayout.truncated(text, maxWidth: min(bounds.width * 0.32, style.labels.maxWidth), cr: cr)
            let w = cr.textExtents(text).xAdvance + 4
            let h = size * 1.25 + 2
            let marker: Style.Marker
            var anchorY = p.y
            switch stop.kind {
            case .origin: marker = style.origin
            case .destination: marker = style.destination
            case .hub, .predicted: marker = style.hub
            }
            var offset = marker.size / 2 + marker.strokeWidth / 2 + 3
            if marker.shape == .pin {
                anchorY = p.y - marker.size * 0.64
                offset = marker.size * 0.36 + 3
            }
            if atCurrent { offset = max(offset, style.current.size / 2 + style.current.strokeWidth / 2 + 3) }
            let priority: Int
            switch stop.kind {
            case _ where atCurrent: priority = 1000
            case .destination: priority = 900
            case .origin: priority = 800
            case .hub: priority = 100 + index
            case .predicted: priority = 50
            }
            texts[index] = (text, size)
            let role: String = switch stop.kind {
            case .origin: "origin"
            case .destination: "destination"
            case .hub: "hub"
            case .predicted: "predicted"
            }
            roles[index] = atCurrent ? "current" : role
            requests.append(LabelPlacer.Request(id: index, anchorX: p.x, anchorY: anchorY, offset: offset, width: w,
                                                height: h, priority: priority))
        }
        let routePoints = MapLayout.routeSamples(scene, viewport: viewport)
        var placer = LabelPlacer(bounds: bounds.insetBy(2), obstacles: reserved + markers.map(\.rect),
                                 routePoints: routePoints)
        var labels = placer.place(requests, limit: style.labels.maxLabels).map { placement in
            let (text, size) = texts[placement.id]!
            return Label(text: text, size: size, rect: placement.rect, baselineX: placement.rect.x + 2,
                         baselineY: placement.rect.y + 1 + size * 0.98, role: roles[placement.id] ?? "hub")
        }

        // Context: province names when the view is about a country or a province, country names when it is wide.
        let zoom = viewport.zoom
        let showProvinces = zoom >= detail.provinceBorderZoom
        // The route's own countries first, each tried at several anchors; then capitals and major cities (a
        // reader looks for 北京 before 河北); then province and country names; then the smaller cities.
        var named: Set<String> = []
        let routeTexts = Set(labels.map(\.text))
        if zoom < 5.5, !context.isEmpty {
            let codes = MapLayout.routeCountries(scene, grid: grid)
                // China and the US are named by their provinces and states once those show.
                .filter { !(showProvinces && $0.code == "CN") && !(zoom >= 4 && $0.code == "US") }
            let route = MapLayout.placeRouteCountries(codes, context: context, grid: grid, style: style,
                                                      language: language, viewport: viewport, placer: &placer,
                                                      limit: style.contextLabels.maxLabels,
                                                      taken: routeTexts, cr: cr)
            labels += route.labels
            named = route.codes
        }
        let major = MapLayout.placeCities(places, style: style, language: language, viewport: viewport,
                                          placer: &placer, markers: markers, taken: Set(labels.map(\.text)),
                                          ranks: .world ... .major, limit: style.cities.maxLabels, cr: cr)
        labels += major.labels
        labels += MapLayout.placeRegionNames(context, skipping: named, taken: routeTexts, style: style,
                                             language: language, viewport: viewport, placer: &placer,
                                             showProvinces: showProvinces,
                                             limit: style.contextLabels.maxLabels - named.count, cr: cr)
        let minor = MapLayout.placeCities(places, style: style, language: language, viewport: viewport,
                                          placer: &placer, markers: markers, taken: Set(labels.map(\.text)),
                                          ranks: .prefecture ... .county,
                                          limit: style.cities.maxLabels - major.labels.count, cr: cr)
        return (labels + minor.labels, major.dots + minor.dots)
    }
}
