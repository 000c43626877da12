import Foundation

/// Web Mercator (EPSG:3857) as world pixels at a zoom level, the projection of slippy-map tiles.
///
/// The functions are pure and mirror komoot/staticmap's `_lon_to_x` / `_lat_to_y`, scaled to pixels: at zoom `z`
/// the world is `tileSize × 2^z` pixels wide, `x = 0` at 180°W and `y = 0` at 85.05112878°N. Zoom may be fractional.
///
/// Longitudes are *not* wrapped: 240° (an unwrapped 120°W, say after crossing the antimeridian eastwards) projects
/// one world-width to the right of −120°. A view that straddles the antimeridian is therefore continuous when its
/// coordinates are unwrapped (see `BoundingBox.enclosing(_:)` and `GreatCircle.densify`). Latitudes are clamped to
/// ±`maxLatitude`, where the square world ends.
///
/// ```swift
/// let p = WebMercator.project(Coordinate(lat: 31.23, lon: 121.47), zoom: 4)   // pixels in a 4096-px world
/// let c = WebMercator.unproject(p, zoom: 4)                                    // back, within 1e-9°
/// ```
public enum WebMercator {
    /// The latitude at which the Web Mercator world is square: atan(sinh(π)) in degrees.
    public static let maxLatitude = 85.051_128_78
    /// The size of a standard tile in pixels.
    public static let defaultTileSize = 256.0

    /// The width (and height) of the whole world in pixels at `zoom`.
    public static func worldSize(zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        tileSize * exp2(zoom)
    }

    /// `lat` limited to ±`maxLatitude` (NaN stays NaN).
    public static func clampLatitude(_ lat: Double) -> Double {
        min(max(lat, -maxLatitude), maxLatitude)
    }

    /// Longitude (degrees, unwrapped allowed) → world x in pixels.
    public static func x(lon: Double, zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        (lon + 180) / 360 * worldSize(zoom: zoom, tileSize: tileSize)
    }

    /// Latitude (degrees, clamped to ±`maxLatitude`) → world y in pixels.
    public static func y(lat: Double, zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        let phi = clampLatitude(lat) * .pi / 180
        let merc = log(tan(.pi / 4 + phi / 2))  // = asinh(tan φ), in 0…±π at the clamp
        return (1 - merc / .pi) / 2 * worldSize(zoom: zoom, tileSize: tileSize)
    }

    /// World x in pixels → longitude (unwrapped: x beyond the world gives longitudes beyond ±180°).
    public static func lon(x: Double, zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        x / worldSize(zoom: zoom, tileSize: tileSize) * 360 - 180
    }

    /// World y in pixels → latitude (y outside the world is clamped to the world's edge).
    public static func lat(y: Double, zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        let size = worldSize(zoom: zoom, tileSize: tileSize)
        let t = min(max(y / size, 0), 1)
        return atan(sinh(.pi * (1 - 2 * t))) * 180 / .pi
    }

    /// A coordinate → world pixels at `zoom`.
    public static func project(_ c: Coordinate, zoom: Double, tileSize: Double = defaultTileSize) -> PixelPoint {
        PixelPoint(x: x(lon: c.lon, zoom: zoom, tileSize: tileSize), y: y(lat: c.lat, zoom: zoom, tileSize: tileSize))
    }

    /// World pixels at `zoom` → a coordinate with an unwrapped longitude (use `normalizedLongitude` to wrap it).
    public static func unproject(_ p: PixelPoint, zoom: Double, tileSize: Double = defaultTileSize) -> Coordinate {
        Coordinate(lat: lat(y: p.y, zoom: zoom, tileSize: tileSize), lon: lon(x: p.x, zoom: zoom, tileSize: tileSize))
    }

    /// Ground metres per pixel at latitude `lat` and `zoom` (spherical Earth, the scale a scale bar needs).
    public static func metresPerPixel(lat: Double, zoom: Double, tileSize: Double = defaultTileSize) -> Double {
        2 * .pi * Coordinate.earthRadius * cos(clampLatitude(lat) * .pi / 180) / worldSize(zoom: zoom, tileSize: tileSize)
    }

    /// The largest (fractional) zoom at which `box` fits in `width × height` pixels.
    ///
    /// The box's longitudes may be unwrapped (a box from 121° to 242° spans 121° of longitude, not 239°). A box of
    /// zero size fits at any zoom and returns `.infinity`; callers clamp to their own minimum and maximum zoom.
    /// Fitting follows go-staticmaps' `determineZoom`, without its rounding down to whole zooms.
    public static func fittingZoom(_ box: BoundingBox, width: Double, height: Double,
                                   tileSize: Double = defaultTileSize) -> Double
    {
        precondition(width > 0 && height > 0, "the view must have a positive size")
        // Spans at zoom 0, where the world is `tileSize` pixels wide.
        let dx = x(lon: box.maxLon, zoom: 0, tileSize: tileSize) - x(lon: box.minLon, zoom: 0, tileSize: tileSize)
        let dy = y(lat: box.minLat, zoom: 0, tileSize: tileSize) - y(lat: box.maxLat, zoom: 0, tileSize: tileSize)
        let zx = dx > 0 ? log2(width / dx) : .infinity
        let zy = dy > 0 ? log2(height / dy) : .infinity
        return min(zx, zy)
    }

    /// `lon` wrapped into −180…<180.
    public static func normalizedLongitude(_ lon: Double) -> Double {
        guard lon.isFinite, lon < -180 || lon >= 180 else { return lon }  // in range: exactly as given
        var l = (lon + 180).truncatingRemainder(dividingBy: 360)
        if l < 0 { l += 360 }
        return l - 180
    }

    /// `lon` shifted by a whole number of turns to lie within 180° of `reference` (for continuous paths).
    public static func longitude(_ lon: Double, nearestTo reference: Double) -> Double {
        guard lon.isFinite && reference.isFinite else { return lon }
        return lon + 360 * ((reference - lon) / 360).rounded()
    }
}
