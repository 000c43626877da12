import Cairo
import Foundation

extension MapPainter {
    /// Text with a halo: the glyphs drawn in the halo colour at eight offsets around the position (cheap: Cairo
    /// caches glyph masks, while stroking glyph outlines costs as much as the whole base map), then on top.
    func haloText(_ text: String, x: Double, y: Double, colour: Colour, halo: Colour, haloWidth: Double) {
        if haloWidth > 0, halo.alpha > 0 {
            setColour(halo.withAlpha(min(1, halo.alpha * 1.15)))
            let r = haloWidth / 2, d = r * 0.7071
            for (dx, dy) in [(-r, 0.0), (r, 0), (0, -r), (0, r), (-d, -d), (d, -d), (-d, d), (d, d)] {
                cr.moveTo(x + dx, y + dy)
                cr.showText(text)
            }
        }
        setColour(colour)
        cr.moveTo(x, y)
        cr.showText(text)
    }

    func paintLabels() {
        let s = style.labels
        let c = style.contextLabels
        paintCityDots()
        for label in layout.labels where label.isContext {
            cr.selectFont(family: style.fontFamily)
            cr.setFontSize(label.size)
            let city = label.role == "context"
            haloText(label.text, x: label.baselineX, y: label.baselineY,
                     colour: city ? style.cities.colour : c.colour, halo: city ? style.cities.haloColour : c.haloColour,
                     haloWidth: 2.5)
        }
        for label in layout.labels where !label.isContext {
            cr.selectFont(family: style.fontFamily, bold: label.size >= s.importantSize && s.importantSize > s.size)
            cr.setFontSize(label.size)
            haloText(label.text, x: label.baselineX, y: label.baselineY, colour: s.colour, halo: s.haloColour,
                     haloWidth: s.haloWidth)
        }
    }

    /// Context cities' dots: a filled disc with a thin ring; capitals and major cities get a second, inner dot.
    func paintCityDots() {
        let c = style.cities
        for dot in layout.cityDots {
            cr.newPath()
            cr.arc(dot.x, dot.y, radius: dot.size / 2, from: 0, to: 2 * .pi)
            setColour(c.dotColour)
            cr.fillPreserve()
            setColour(c.dotStroke)
            cr.setLineWidth(1)
            cr.stroke()
            if dot.major {
                cr.newPath()
                cr.arc(dot.x, dot.y, radius: dot.size / 5, from: 0, to: 2 * .pi)
                cr.fill()
            }
        }
    }

    func paintCard() {
        guard let card = layout.card else { return }
        let s = style.card
        let r = card.rect
        // Shadow, then the panel.
        cr.setSource(red: 0, green: 0, blue: 0, alpha: 0.10)
        cr.roundedRectangle(r.x + 0.5, r.y + 1.5, r.width, r.height, radius: s.radius)
        cr.fill()
        cr.roundedRectangle(r.x, r.y, r.width, r.height, radius: s.radius)
        setColour(s.fill)
        cr.fillPreserve()
        setColour(s.border)
        cr.setLineWidth(1)
        cr.stroke()

        let stateColour = accent(for: layout.scene)
        if card.compact {
            cr.selectFont(family: style.fontFamily, bold: true)
            cr.setFontSize(card.textSize)
            setColour(stateColour)
            cr.moveTo(r.x + card.padding, r.y + r.height / 2 + card.textSize * 0.36)
            cr.showText(card.text.title)
            return
        }
        let pad = card.padding
        var y = r.y + pad + card.titleSize * 0.9
        cr.selectFont(family: style.fontFamily, bold: true)
        cr.setFontSize(card.titleSize)
        setColour(stateColour)
        cr.moveTo(r.x + pad, y)
        cr.showText(card.text.title)
        let titleWidth = cr.textExtents(card.text.title).xAdvance
        cr.selectFont(family: style.fontFamily)
        if let sub = card.text.subtitle {
            cr.setFontSize(card.textSize * 0.9)
            let fitted = fit(sub, width: r.width - 2 * pad - titleWidth - 10)
            setColour(s.muted)
            cr.moveTo(r.maxX - pad - cr.textExtents(fitted).xAdvance, y)
            cr.showText(fitted)
        }
        cr.setFontSize(card.textSize)
        y += card.titleSize * 0.35
        for (i, line) in card.text.lines.enumerated() {
            y += card.textSize * 1.5
            setColour(i == 0 ? s.text : s.muted)
            cr.moveTo(r.x + pad, y)
            cr.showText(fit(line, width: r.width - 2 * pad))
        }
        if let progress = card.text.progress {
            y += 10
            let barW = r.width - 2 * pad
            cr.roundedRectangle(r.x + pad, y, barW, 6, radius: 3)
            setColour(s.barTrack)
            cr.fill()
            if progress > 0 {
                cr.roundedRectangle(r.x + pad, y, max(barW * progress, 6), 6, radius: 3)
                setColour(stateColour)
                cr.fill()
            }
            y += 6
        }
        if let text = card.text.progressText {
            y += card.textSize * 1.4
            setColour(s.muted)
            cr.moveTo(r.x + pad, y)
            cr.showText(fit(text, width: r.width - 2 * pad))
        }
    }

    /// The state's colour: green delivered, red problem, amber returning or customs, else the route colour.
    func accent(for scene: MapScene) -> Colour {
        switch scene.state {
        case .delivered: return Colour(red: 0.13, green: 0.60, blue: 0.33)
        case .problem: return Colour(red: 0.86, green: 0.20, blue: 0.18)
        case .returning, .customs: return Colour(red: 0.85, green: 0.50, blue: 0.05)
        case .unknown: return style.card.muted
        default: return style.travelled.colour
        }
    }

    /// `text` shortened with an ellipsis to fit `width` in the current font.
    func fit(_ text: String, width: Double) -> String {
        guard cr.textExtents(text).xAdvance > width else { return text }
        var chars = Array(text)
        while !chars.isEmpty {
            chars.removeLast()
            let candidate = String(chars) + "…"
            if cr.textExtents(candidate).xAdvance <= width { return candidate }
        }
        return ""
    }

    func paintScaleBar() {
        guard let bar = layout.scaleBar else { return }
        let s = style.scaleBar
        let x = bar.x, y = bar.y, l = bar.length
        cr.setLineCap(.square)
        cr.setLineJoin(.miter)
        for (width, colour) in [(4.0, s.haloColour), (1.5, s.colour)] {
            cr.moveTo(x, y - 5); cr.lineTo(x, y); cr.lineTo(x + l, y); cr.lineTo(x + l, y - 5)
            setColour(colour)
            cr.setLineWidth(width)
            cr.stroke()
        }
        cr.selectFont(family: style.fontFamily)
        cr.setFontSize(s.textSize)
        haloText(bar.text, x: x + 3, y: y - 4, colour: s.textColour, halo: s.haloColour, haloWidth: 2.5)
    }

    func paintAttribution() {
        guard let a = layout.attribution else { return }
        cr.selectFont(family: style.fontFamily)
        cr.setFontSize(style.attributionSize)
        setColour(style.attributionColour)
        // Right-aligned by the width measured now, with the font as it will be drawn.
        let width = cr.textExtents(a.text).xAdvance
        cr.moveTo(min(a.x, layout.viewport.width - width - 4), a.y)
        cr.showText(a.text)
    }
}

extension Colour {
    func withAlpha(_ alpha: Double) -> Colour { Colour(red: red, green: green, blue: blue, alpha: alpha) }
}
