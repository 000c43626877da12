import Cairo
import Foundation
import Geo

/// Draws a laid-out map on a Cairo context: base map, route, markers, labels, card, scale bar, attribution.
///
/// Everything is in CSS pixels; the caller scales the context for @2x and @3x.
struct MapPainter {
    let cr: Context
    let style: Style
    let layout: MapLayout
    let basemap: BaseMap

    func paint() {
        paintBaseMap()
        paintRoute()
        paintMarkers()
        paintLabels()
        paintCard()
        paintScaleBar()
        paintAttribution()
    }

    func setColour(_ c: Colour) { cr.setSource(red: c.red, green: c.green, blue: c.blue, alpha: c.alpha) }

    // MARK: Base map

    func paintBaseMap() {
        setColour(style.ocean)
        cr.paint()
        // The base map with Cairo's coarser antialiasing (4×4 coverage samples instead of 256 levels): coasts and
        // 1 px borders look the same, the rasteriser does a fraction of the work (strokes 17 M → 9 M instructions
        // per map, fills −2.5 M), and fewer edge shades make a smaller palette PNG. Route, markers and text keep
        // full antialiasing.
        cr.setFastAntialias()
        defer { cr.setAntialias(true) }
        let lod = layout.lod
        // Non-zero winding: the builder orients shells counter-clockwise and holes clockwise, and polygon tiles
        // overlap their neighbours slightly, so the overlap is filled once and no hairline shows along a tile cut.
        cr.setFillRuleEvenOdd(false)
        fill(.land, lod: lod, colour: style.land)
        if style.chinaLand != style.land { fill(.province, lod: lod, colour: style.chinaLand) }
        fill(.lake, lod: lod, colour: style.lake)
        // Bevel joins: round joins on thousands of short border segments cost more than everything else drawn.
        cr.setLineJoin(.bevel)
        cr.setLineCap(.butt)
        // Thin borders tolerate a coarser level than fills (their simplification hides under the line width).
        let lineLOD = layout.lineLOD
        if layout.showRivers {
            var river = style.river
            if lod < 3 { river.width *= MapPainter.riverCoarseWidthFactor }
            stroke(.river, lod: lod, line: river)
        }
        if layout.showPrefectureBorders { stroke(.prefectureBorder, lod: lod, line: style.prefectureBorder) }
        if layout.showProvinceBorders {
            stroke(.provinceBorder, lod: lineLOD, line: style.provinceBorder)
            stroke(.stateBorder, lod: lineLOD, line: style.provinceBorder)
        }
        stroke(.coastline, lod: lod, line: style.coastline)
        stroke(.countryBorder, lod: lineLOD, line: style.countryBorder)
    }

    /// Rivers are thinner on views coarser than the city level, where they are context, not geography.
    static let riverCoarseWidthFactor = 0.7

    private func fill(_ layer: BaseMap.Layer, lod: Int, colour: Colour) {
        if addPaths(basemap.features(layer, lod: lod), closed: true) {
            setColour(colour)
            cr.fill()
        }
    }

    private func stroke(_ layer: BaseMap.Layer, lod: Int, line: Style.Line) {
        guard line.width > 0 else { return }
        if addPaths(basemap.features(layer, lod: lod), closed: false) {
            setColour(line.colour)
            cr.setLineWidth(line.width)
            cr.setDash(line.dash)
            cr.stroke()
            cr.setDash([])
        }
    }

    /// Adds every feature part that touches the view to the path, once per world copy the view shows (views across
    /// the antimeridian see the map at x and x ± one world). Returns whether anything was added.
    ///
    /// Two reductions keep Cairo's work proportional to what is visible:
    /// - a point closer than 0.6 pixel to the last one added is skipped;
    /// - a point is skipped when it, the last point added and the next point all lie beyond the same edge of the
    ///   view (by more than `margin`). The chain that replaces it stays inside that half-plane, so fills and
    ///   strokes change only outside the image (the half-plane is convex, so the region between the old and the
    ///   new chain lies in it).
    private func addPaths(_ features: [BaseMap.Feature], closed: Bool) -> Bool {
        let v = layout.viewport
        let (minX, minY, maxX, maxY) = v.worldBounds
        let f = v.factor
        let slack = 2 / f
        let firstCopy = Int(floor(minX / 256)) - 1, lastCopy = Int(floor(maxX / 256)) + 1
        var added = false
        let minStep = closed ? 0.8 : 1.0
        let margin = 16.0, right = v.width + margin, bottom = v.height + margin
        @inline(__always) func outcode(_ x: Double, _ y: Double) -> UInt8 {
            (x < -margin ? 1 : 0) | (x > right ? 2 : 0) | (y < -margin ? 4 : 0) | (y > bottom ? 8 : 0)
        }
        for copy in firstCopy...lastCopy {
            let shift = Double(copy) * 256
            let ox = v.originX - shift * f, oy = v.originY
            for feature in features {
                guard feature.maxY >= minY - slack, feature.minY <= maxY + slack,
                      feature.maxX + shift >= minX - slack, feature.minX + shift <= maxX + slack
                else { continue }
                feature.coordinates.withUnsafeBufferPointer { xy in
                    for part in 0..<(feature.partStarts.count - 1) {
                        let start = feature.partStarts[part], end = feature.partStarts[part + 1]
                        guard end - start >= (closed ? 3 : 2) else { continue }
                        var lastX = xy[2 * start] * f - ox
                        var lastY = xy[2 * start + 1] * f - oy
                        var lastCode = outcode(lastX, lastY)
                        cr.moveTo(lastX, lastY)
                        for i in (start + 1)..<end {
                            let x = xy[2 * i] * f - ox, y = xy[2 * i + 1] * f - oy
                            let code = outcode(x, y)
                            if i != end - 1 {
                                if abs(x - lastX) < minStep && abs(y - lastY) < minStep { continue }
                                if code & lastCode != 0 {
                                    let nextCode = outcode(xy[2 * i + 2] * f - ox, xy[2 * i + 3] * f - oy)
                                    if code & lastCode & nextCode != 0 { continue }
                                }
                            }
                            cr.lineTo(x, y)
                            lastX = x
                            lastY = y
                            lastCode = code
                        }
                        if closed { cr.closePath() }
                        added = true
                    }
                }
            }
        }
        return added
    }

    // MARK: Route

    /// The travelled path, then the remaining one on top: where a parcel goes back along its way, the dashed
    /// remaining part stays visible over the solid travelled one.
    func paintRoute() {
        cr.setLineJoin(.round)
        cr.setLineCap(.round)
        let remaining = style.remaining, travelled = style.travelled
        if layout.travelledPixels.count > 1 {
            path(layout.travelledPixels)
            setColour(travelled.casingColour)
            cr.setLineWidth(travelled.casingWidth)
            cr.strokePreserve()
            setColour(travelled.colour)
            cr.setLineWidth(travelled.width)
            cr.setDash(travelled.dash)
            cr.stroke()
            cr.setDash([])
        }
        if layout.remainingPixels.count > 1 {
            path(layout.remainingPixels)
            setColour(remaining.casingColour)
            cr.setLineWidth(remaining.casingWidth)
            cr.strokePreserve()
            setColour(remaining.colour)
            cr.setLineWidth(remaining.width)
            cr.setLineCap(.butt)
            cr.setDash(remaining.dash)
            cr.stroke()
            cr.setDash([])
            cr.setLineCap(.round)
        }
    }

    private func path(_ points: [(x: Double, y: Double)]) {
        var last: (x: Double, y: Double)?
        for p in points {
            if let l = last {
                if abs(p.x - l.x) < 0.25 && abs(p.y - l.y) < 0.25 { continue }
                cr.lineTo(p.x, p.y)
            } else {
                cr.moveTo(p.x, p.y)
            }
            last = p
        }
    }

    // MARK: Markers

    func paintMarkers() {
        for m in layout.markers {
            var spec: Style.Marker
            switch m.role {
            case .hub, .predicted: spec = style.hub
            case .origin: spec = style.origin
            case .destination:
                spec = style.destination
                // A delivered parcel's pin and a returning parcel's (the sender's) in the state's colour: not the
                // red pin of an address still to be reached (issue 15 §4).
                if (layout.scene.state == .delivered && !layout.markers.contains(where: { $0.role == .current }))
                    || layout.scene.state == .returning
                {
                    spec.fill = accent(for: layout.scene)
                }
                if m.refused { spec.fill = Self.refusedGrey }
            case .current: spec = currentSpec
            }
            marker(spec, x: m.x, y: m.y, dashedOutline: m.role == .predicted)
            if m.role == .current && layout.scene.state == .problem { exclamation(x: m.x, y: m.y, size: spec.size) }
            if m.refused && spec.shape == .pin { cross(x: m.x, y: m.y - spec.size * 0.64, size: spec.size * 0.2) }
        }
    }

    /// The current-position marker alone at (`x`, `y`): one frame of an animation over a painted base.
    func paintCurrentMarker(x: Double, y: Double) {
        marker(currentSpec, x: x, y: y)
        if layout.scene.state == .problem { exclamation(x: x, y: y, size: currentSpec.size) }
    }

    /// A problem parcel's marker (issue 15 §4): the style's current marker in the problem red, larger, so a
    /// parcel in trouble does not look like one moving normally.
    static let problemRed = Colour(red: 0.85, green: 0.19, blue: 0.15)

    var currentSpec: Style.Marker {
        guard layout.scene.state == .problem else { return style.current }
        var m = style.current
        m.fill = Self.problemRed
        m.size = max(m.size, 14)
        m.haloColour = Colour(red: 0.85, green: 0.19, blue: 0.15, alpha: min(0.3, max(m.haloColour.alpha, 0.2)))
        return m
    }

    /// The pin of an address the parcel was refused at.
    static let refusedGrey = Colour(red: 0.45, green: 0.48, blue: 0.53)

    /// A grey "×" of half-width `size` centred at (`x`, `y`): the refused address's pin head.
    private func cross(x: Double, y: Double, size: Double) {
        setColour(Self.refusedGrey)
        cr.setLineWidth(max(1.4, size * 0.5))
        cr.setLineCap(.round)
        cr.moveTo(x - size, y - size); cr.lineTo(x + size, y + size)
        cr.moveTo(x + size, y - size); cr.lineTo(x - size, y + size)
        cr.stroke()
    }

    /// A white "!" inside a marker of `size` at (`x`, `y`).
    private func exclamation(x: Double, y: Double, size: Double) {
        cr.setSource(red: 1, green: 1, blue: 1, alpha: 1)
        let h = size * 0.62, w = max(1.6, size * 0.16)
        cr.rectangle(x - w / 2, y - h / 2, w, h * 0.62)
        cr.fill()
        cr.circle(x, y + h / 2 - w / 2, radius: w / 2)
        cr.fill()
    }

    private func marker(_ m: Style.Marker, x: Double, y: Double, dashedOutline: Bool = false) {
        if m.haloSize > 0, m.haloColour.alpha > 0 {
            // A soft disc and a ring inside it: the "pulse" of a live position.
            setColour(m.haloColour)
            cr.circle(x, y, radius: m.haloSize / 2)
            cr.fill()
            var ring = m.haloColour
            ring.alpha = min(1, ring.alpha * 2.2)
            setColour(ring)
            cr.setLineWidth(1.5)
            cr.circle(x, y, radius: m.haloSize / 2 * 0.72)
            cr.stroke()
        }
        let r = m.size / 2
        switch m.shape {
        case .circle, .ring:
            cr.circle(x, y, radius: r)
        case .square:
            cr.rectangle(x - r, y - r, m.size, m.size)
        case .diamond:
            cr.moveTo(x, y - r); cr.lineTo(x + r, y); cr.lineTo(x, y + r); cr.lineTo(x - r, y); cr.closePath()
        case .pin:
            pin(m, x: x, y: y)
            return
        }
        if m.shape == .ring {
            setColour(m.stroke)
            cr.setLineWidth(max(m.strokeWidth, 2))
            cr.stroke()
            return
        }
        setColour(m.fill)
        cr.fillPreserve()
        if m.strokeWidth > 0 {
            setColour(m.stroke)
            cr.setLineWidth(m.strokeWidth)
            if dashedOutline { cr.setDash([2, 1.5]) }
            cr.stroke()
            cr.setDash([])
        } else {
            cr.newPath()
        }
    }

    /// A map pin whose tip is at (x, y): a circle on a tapering tail, with a white centre.
    private func pin(_ m: Style.Marker, x: Double, y: Double) {
        let r = m.size * 0.36
        let d = m.size - r  // tip to circle centre
        let cy = y - d
        let beta = acos(r / d)
        // A soft shadow under the tip.
        cr.setSource(red: 0, green: 0, blue: 0, alpha: 0.18)
        cr.withSavedState {
            cr.translate(x, y)
            cr.scale(1, 0.4)
            cr.circle(0, 0, radius: r * 0.55)
            cr.fill()
        }
        cr.moveTo(x, y)
        cr.arc(x, cy, radius: r, from: .pi / 2 + beta, to: .pi / 2 - beta + 2 * .pi)
        cr.closePath()
        setColour(m.fill)
        cr.fillPreserve()
        setColour(m.stroke)
        cr.setLineWidth(m.strokeWidth)
        cr.stroke()
        setColour(m.stroke)
        cr.circle(x, cy, radius: r * 0.42)
        cr.fill()
    }
}
