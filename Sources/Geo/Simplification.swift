/// Douglas–Peucker line simplification in projected (pixel) space.
///
/// Keeps the first and last points and every point that lies farther than `tolerance` from the simplified line, so
/// the result never strays more than `tolerance` pixels from the input. Iterative (an explicit stack), so very long
/// lines do not recurse deeply. Points within `tolerance` of the line (duplicates included) are dropped.
public enum Simplification {
    /// The indices of `points` that Douglas–Peucker keeps at `tolerance` (pixels), in increasing order.
    public static func douglasPeuckerIndices(_ points: [PixelPoint], tolerance: Double) -> [Int] {
        precondition(tolerance >= 0, "tolerance must not be negative")
        guard points.count > 2 else { return Array(points.indices) }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var maxDistance = -1.0, index = first
            for i in (first + 1)..<last {
                let d = segmentDistance(points[i], points[first], points[last])
                if d > maxDistance { maxDistance = d; index = i }
            }
            if maxDistance > tolerance {
                keep[index] = true
                stack.append((first, index))
                stack.append((index, last))
            }
        }
        return keep.indices.filter { keep[$0] }
    }

    /// `points` simplified by Douglas–Peucker at `tolerance` pixels.
    public static func douglasPeucker(_ points: [PixelPoint], tolerance: Double) -> [PixelPoint] {
        douglasPeuckerIndices(points, tolerance: tolerance).map { points[$0] }
    }

    /// Coordinates simplified as they would look at `zoom` in Web Mercator: `tolerance` is in pixels at that zoom.
    /// Unwrapped longitudes are kept as given.
    public static func douglasPeucker(_ coordinates: [Coordinate], tolerance: Double, zoom: Double,
                                      tileSize: Double = WebMercator.defaultTileSize) -> [Coordinate]
    {
        let projected = coordinates.map { WebMercator.project($0, zoom: zoom, tileSize: tileSize) }
        return douglasPeuckerIndices(projected, tolerance: tolerance).map { coordinates[$0] }
    }

    /// Distance from `p` to the segment `a`–`b` (to `a` when the segment is a point).
    static func segmentDistance(_ p: PixelPoint, _ a: PixelPoint, _ b: PixelPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        guard len2 > 0 else { return p.distance(to: a) }
        let t = min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1)
        return p.distance(to: PixelPoint(x: a.x + t * dx, y: a.y + t * dy))
    }
}
