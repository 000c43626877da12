import Cairo
import Foundation

extension MapRenderer {
    /// Frames in an animated GIF: the marker's travel, then a long hold on the current position.
    public static let gifFrameCount = 12
    /// Hundredths of a second per travelling frame, and for the last frame.
    public static let gifFrameDelay = 12
    public static let gifHoldDelay = 300

    /// The map as an animated GIF: laid out once, the base painted once without the current marker, then each
    /// frame a copy of the base with the marker drawn further along the travelled path.
    func renderGIF(scene: MapScene, options: RenderOptions, style: Style) throws -> RenderedImage {
        let W = options.width, H = options.height, scale = Double(options.scale)
        do {
            let base = try ImageSurface(format: .rgb24, width: W * options.scale, height: H * options.scale)
            let cr = try Context(surface: base)
            cr.scale(scale, scale)
            var layout = self.layout(scene, style: style, options: options, measure: cr)
            let overlay = MapOverlay(layout: layout)
            layout.markers.removeAll { $0.role == .current }
            MapPainter(cr: cr, style: style, layout: layout, basemap: basemap).paint()
            try cr.checkStatus("draw map")
            try base.flush()
            var gif = GIFEncoder(width: W * options.scale, height: H * options.scale)
            let path = overlay.current.map { overlay.travelled + [$0] } ?? []
            let frames = path.isEmpty ? 1 : Self.gifFrameCount
            for index in 0..<frames {
                let frame = try ImageSurface(format: .rgb24, width: W * options.scale, height: H * options.scale)
                let fc = try Context(surface: frame)
                fc.setSource(base)
                fc.paint()
                fc.scale(scale, scale)
                if !path.isEmpty {
                    let t = frames == 1 ? 1 : Double(index) / Double(frames - 1)
                    let p = MapOverlay.point(along: path, fraction: t)
                    MapPainter(cr: fc, style: style, layout: layout, basemap: basemap).paintCurrentMarker(x: p.x, y: p.y)
                }
                try fc.checkStatus("draw GIF frame")
                try frame.flush()
                try gif.add(frame, delay: index == frames - 1 ? Self.gifHoldDelay : Self.gifFrameDelay)
            }
            return RenderedImage(data: gif.finish(), contentType: RenderOptions.Format.gif.contentType,
                                 pixelWidth: W * options.scale, pixelHeight: H * options.scale, overlay: overlay)
        } catch let error as CairoError {
            throw RenderError(.drawingFailed, error.description)
        }
    }

    /// `svg` with a marker that travels the path by SMIL `<animateMotion>` (so it animates inside an `<img>`).
    static func animatedSVG(_ svg: Data, overlay: MapOverlay, style: Style) -> Data {
        guard let current = overlay.current else { return svg }
        var points = overlay.travelled
        if points.last != current { points.append(current) }
        if points.count < 2 { points = [current, current] }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let d = points.enumerated().map { i, p in (i == 0 ? "M" : "L") + n(p.x) + " " + n(p.y) }.joined(separator: " ")
        let fill = MapRenderer.hex(style.current.fill), stroke = MapRenderer.hex(style.current.stroke)
        let r = n(max(style.current.size / 2, 4))
        let marker = """
        <g id="tm-animated-marker"><circle cx="0" cy="0" r="\(r)" fill="\(fill)" stroke="\(stroke)" stroke-width="2">\
        <animateMotion dur="2.4s" fill="freeze" path="\(d)"/></circle></g>
        """
        var text = String(decoding: svg, as: UTF8.self)
        guard let end = text.range(of: "</svg>", options: .backwards) else { return svg }
        text.insert(contentsOf: marker + "\n", at: end.lowerBound)
        return Data(text.utf8)
    }

    /// `#rrggbb` of a colour (alpha dropped).
    static func hex(_ c: Colour) -> String {
        func byte(_ v: Double) -> String {
            let b = Int((max(0, min(1, v)) * 255).rounded())
            return (b < 16 ? "0" : "") + String(b, radix: 16)
        }
        return "#" + byte(c.red) + byte(c.green) + byte(c.blue)
    }
}

extension MapOverlay {
    /// The point a `fraction` (0…1) of the way along `path` by length.
    static func point(along path: [Point], fraction: Double) -> Point {
        guard path.count > 1 else { return path.first ?? Point(x: 0, y: 0) }
        var lengths: [Double] = []
        for i in 1..<path.count { lengths.append(hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y)) }
        let total = lengths.reduce(0, +)
        guard total > 0 else { return path.last! }
        var left = min(max(fraction, 0), 1) * total
        for (i, length) in lengths.enumerated() {
            if left <= length {
                let t = length > 0 ? left / length : 0
                return Point(x: path[i].x + (path[i + 1].x - path[i].x) * t, y: path[i].y + (path[i + 1].y - path[i].y) * t)
            }
            left -= length
        }
        return path.last!
    }
}
