import Foundation
import Geo

/// Which part of the Web Mercator world the image shows: a (fractional) zoom and the world pixel at the image's
/// top-left corner, in CSS pixels.
///
/// Fitting follows go-staticmaps' three steps: the bounds of everything drawn (`determineBounds`), the largest
/// zoom at which they fit inside the image minus margins (`determineZoom`, clamped to a minimum and maximum), and
/// the centre (`determineCenter`).
struct Viewport: Sendable, Hashable {
    var width: Double
    var height: Double
    var zoom: Double
    /// World pixels (at `zoom`) of the image's top-left corner.
    var originX: Double
    var originY: Double

    /// Pixels per zoom-0 world pixel.
    var factor: Double { exp2(zoom) }
    var worldSize: Double { WebMercator.worldSize(zoom: zoom) }

    /// Image position of a coordinate (its longitude taken as given, unwrapped or not).
    func point(_ c: Coordinate) -> (x: Double, y: Double) {
        (WebMercator.x(lon: c.lon, zoom: zoom) - originX, WebMercator.y(lat: c.lat, zoom: zoom) - originY)
    }

    /// The image position of the world copy of `c` (its longitude ± one turn) that lies strictly inside
    /// 0…`width` × 0…`height`, or nil when no copy does.
    func pointInside(_ c: Coordinate, width: Double, height: Double) -> (x: Double, y: Double)? {
        [-360.0, 0, 360].lazy.map { self.point(Coordinate(lat: c.lat, lon: c.lon + $0)) }
            .first { $0.x > 0 && $0.x < width && $0.y > 0 && $0.y < height }
    }

    /// The view's extent in zoom-0 world pixels (x may run past 0…256 for views across the antimeridian).
    var worldBounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let f = factor
        return (originX / f, originY / f, (originX + width) / f, (originY + height) / f)
    }

    /// The centre's coordinate (longitude wrapped), for the scale bar and for choosing borders.
    var centre: Coordinate {
        let c = WebMercator.unproject(PixelPoint(x: originX + width / 2, y: originY + height / 2), zoom: zoom)
        return Coordinate(lat: c.lat, lon: WebMercator.normalizedLongitude(c.lon))
    }

    /// Pixel margins kept free around the fitted content, per side.
    struct Margins: Sendable, Hashable {
        var top, left, bottom, right: Double
    }

    /// Fits `points` (one continuous wrapping) into `width × height` minus `margins`.
    /// The zoom is clamped to `minZoom…maxZoom`: the maximum keeps a same-city route (or a single stop) showing
    /// its surroundings instead of an empty street grid. No points at all gives the neutral view of China.
    static func fit(_ points: [Coordinate], width: Double, height: Double, margins: Margins,
                    minZoom: Double, maxZoom: Double) -> Viewport
    {
        let xs = points.map { WebMercator.x(lon: $0.lon, zoom: 0) }
        let ys = points.map { WebMercator.y(lat: $0.lat, zoom: 0) }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
            return china(width: width, height: height, margins: margins)
        }
        let availW = max(width - margins.left - margins.right, 16)
        let availH = max(height - margins.top - margins.bottom, 16)
        let dx = maxX - minX, dy = maxY - minY
        var zoom = min(dx > 0 ? log2(availW / dx) : .infinity, dy > 0 ? log2(availH / dy) : .infinity)
        zoom = min(max(zoom, minZoom), maxZoom)
        let f = exp2(zoom)
        // The centre of the content sits at the centre of the area inside the margins.
        let cx = (minX + maxX) / 2 * f, cy = (minY + maxY) / 2 * f
        let areaCX = margins.left + availW / 2, areaCY = margins.top + availH / 2
        var originY = cy - areaCY
        // Keep the view inside the world vertically when the world is taller than the image.
        let world = WebMercator.worldSize(zoom: zoom)
        if world >= height { originY = min(max(originY, 0), world - height) } else { originY = (world - height) / 2 }
        return Viewport(width: width, height: height, zoom: zoom, originX: cx - areaCX, originY: originY)
    }

    /// The neutral view of China for a trace with no places.
    static func china(width: Double, height: Double, margins: Margins) -> Viewport {
        fit([Coordinate(lat: 18.2, lon: 73.5), Coordinate(lat: 53.5, lon: 135.1)], width: width, height: height,
            margins: margins, minZoom: 0, maxZoom: 20)
    }
}
