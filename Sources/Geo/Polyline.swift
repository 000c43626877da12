/// Measuring and cutting paths (`[Coordinate]`, possibly with unwrapped longitudes) the way a map draws them.
///
/// Lengths are great-circle kilometres between consecutive points. Points *within* a segment are interpolated
/// linearly in Web Mercator, because a renderer draws each segment as a straight line on the projected map: a
/// marker placed with `point(along:atKm:)` sits exactly on the drawn line. (Long legs come densified from
/// `GreatCircle.densify`, so their segments are short and the two interpolations agree closely.)
public enum Polyline {
    /// The length of `path` in kilometres; 0 for fewer than two points.
    public static func lengthKm(of path: [Coordinate]) -> Double {
        guard path.count > 1 else { return 0 }
        var total = 0.0
        for i in 1..<path.count { total += path[i - 1].kilometres(to: path[i]) }
        return total
    }

    /// The point `km` along `path` (clamped to its ends); nil for an empty path.
    public static func point(along path: [Coordinate], atKm km: Double) -> Coordinate? {
        guard let first = path.first else { return nil }
        guard km > 0 else { return first }
        var remaining = km
        for i in path.indices.dropFirst() {
            let seg = path[i - 1].kilometres(to: path[i])
            if remaining < seg {
                return interpolate(path[i - 1], path[i], fraction: remaining / seg)
            }
            remaining -= seg
        }
        return path[path.count - 1]
    }

    /// `path` cut at `km` along it: the part before (ending at the cut point) and the part after (starting there).
    /// Both parts have at least one point; `km` is clamped to the path. An empty path gives two empty parts.
    public static func split(_ path: [Coordinate], atKm km: Double) -> (before: [Coordinate], after: [Coordinate]) {
        guard let first = path.first else { return ([], []) }
        guard km > 0 else { return ([first], path) }
        var remaining = km
        for i in path.indices.dropFirst() {
            let seg = path[i - 1].kilometres(to: path[i])
            if remaining < seg {
                let cut = interpolate(path[i - 1], path[i], fraction: remaining / seg)
                return (Array(path[..<i]) + [cut], [cut] + Array(path[i...]))
            }
            remaining -= seg
        }
        return (path, [path[path.count - 1]])
    }

    /// The point `fraction` of the way from `a` to `b` on the straight Web Mercator line between them (longitudes
    /// taken as given, so unwrapped ones stay unwrapped).
    public static func interpolate(_ a: Coordinate, _ b: Coordinate, fraction f: Double) -> Coordinate {
        let ya = WebMercator.y(lat: a.lat, zoom: 0), yb = WebMercator.y(lat: b.lat, zoom: 0)
        return Coordinate(lat: WebMercator.lat(y: ya + (yb - ya) * f, zoom: 0), lon: a.lon + (b.lon - a.lon) * f)
    }
}
