import Foundation

/// A latitude/longitude box whose longitudes may be unwrapped, so it can cross the antimeridian.
///
/// `minLon ≤ maxLon` always holds. A box that crosses the antimeridian keeps going past 180°: Shanghai (121.5°E) and
/// Los Angeles (118.2°W) give `minLon = 121.5, maxLon = 241.8`, a 120° span over the Pacific, rather than the 240°
/// span over Eurasia that plain min/max would give. `enclosing(_:)` picks the smallest such span; `init(unwrapped:)`
/// takes longitudes exactly as given (for paths that are already continuous, like `GreatCircle.densify`).
/// Project such a box with `WebMercator` directly: unwrapped longitudes project continuously.
public struct BoundingBox: Sendable, Hashable, CustomStringConvertible {
    public var minLat: Double
    public var minLon: Double
    public var maxLat: Double
    public var maxLon: Double

    public init(minLat: Double, minLon: Double, maxLat: Double, maxLon: Double) {
        precondition(minLat <= maxLat && minLon <= maxLon, "a bounding box needs min ≤ max")
        self.minLat = minLat
        self.minLon = minLon
        self.maxLat = maxLat
        self.maxLon = maxLon
    }

    /// The box of one point.
    public init(_ c: Coordinate) {
        self.init(minLat: c.lat, minLon: c.lon, maxLat: c.lat, maxLon: c.lon)
    }

    /// The plain min/max box of coordinates taken as given (already continuous); nil when there are none.
    public init?(unwrapped coordinates: some Sequence<Coordinate>) {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        var box = BoundingBox(first)
        while let c = it.next() {
            box.minLat = min(box.minLat, c.lat)
            box.maxLat = max(box.maxLat, c.lat)
            box.minLon = min(box.minLon, c.lon)
            box.maxLon = max(box.maxLon, c.lon)
        }
        self = box
    }

    /// The box with the smallest longitude span that holds all `coordinates`, whatever their wrapping.
    ///
    /// Longitudes are wrapped into −180…<180 and sorted; the box leaves out the largest gap between neighbours (the
    /// gap across the antimeridian counts too). When that gap is the antimeridian one, the box is an ordinary one;
    /// otherwise it starts after the gap and ends past 180° (`minLon` stays in −180…<180). On a tie the ordinary box
    /// wins, so the result is deterministic. Returns nil for an empty sequence.
    public static func enclosing(_ coordinates: some Sequence<Coordinate>) -> BoundingBox? {
        var minLat = Double.infinity, maxLat = -Double.infinity
        var lons: [Double] = []
        for c in coordinates {
            minLat = min(minLat, c.lat)
            maxLat = max(maxLat, c.lat)
            lons.append(WebMercator.normalizedLongitude(c.lon))
        }
        guard !lons.isEmpty else { return nil }
        let span = smallestLongitudeSpan(lons)
        return BoundingBox(minLat: minLat, minLon: span.lowerBound, maxLat: maxLat, maxLon: span.upperBound)
    }

    /// The smallest interval (possibly ending past 180°) that holds all wrapped longitudes `lons` (not empty).
    static func smallestLongitudeSpan(_ lons: [Double]) -> ClosedRange<Double> {
        let sorted = lons.sorted()
        // Start with the ordinary interval: it leaves out the gap across the antimeridian.
        var bestGap = sorted[0] + 360 - sorted[sorted.count - 1]
        var range = sorted[0]...sorted[sorted.count - 1]
        for i in 0..<(sorted.count - 1) {
            let gap = sorted[i + 1] - sorted[i]
            if gap > bestGap {
                bestGap = gap
                range = sorted[i + 1]...(sorted[i] + 360)
            }
        }
        return range
    }

    public var latitudeSpan: Double { maxLat - minLat }
    public var longitudeSpan: Double { maxLon - minLon }

    /// Whether the box reaches past ±180° (its longitudes are unwrapped).
    public var crossesAntimeridian: Bool { minLon < -180 || maxLon > 180 }

    /// The centre in latitude/longitude (its longitude may be unwrapped; the view centre is better taken in
    /// projected space, which `WebMercator` gives).
    public var center: Coordinate { Coordinate(lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2) }

    /// Whether `c` lies in the box, trying `c`'s longitude at every wrapping.
    public func contains(_ c: Coordinate) -> Bool {
        guard c.lat >= minLat && c.lat <= maxLat else { return false }
        guard c.lon < minLon || c.lon > maxLon else { return true }
        // The first wrapping of c's longitude at or east of minLon.
        var offset = (c.lon - minLon).truncatingRemainder(dividingBy: 360)
        if offset < 0 { offset += 360 }
        return minLon + offset <= maxLon
    }

    /// The box grown to hold `c`, taking `c`'s longitude at the wrapping that grows the box least.
    public func extended(with c: Coordinate) -> BoundingBox {
        union(BoundingBox(c))
    }

    /// Grows the box to hold `c` (see `extended(with:)`).
    public mutating func extend(with c: Coordinate) {
        self = extended(with: c)
    }

    /// The smallest box holding both, shifting `other` by whole turns when that makes the union narrower.
    ///
    /// Unions of boxes that are already on the same wrapping (both from one continuous path) are plain min/max.
    public func union(_ other: BoundingBox) -> BoundingBox {
        var best: BoundingBox?
        for turns in [0.0, -360, 360] {
            let candidate = BoundingBox(
                minLat: min(minLat, other.minLat), minLon: min(minLon, other.minLon + turns),
                maxLat: max(maxLat, other.maxLat), maxLon: max(maxLon, other.maxLon + turns))
            if best == nil || candidate.longitudeSpan < best!.longitudeSpan { best = candidate }
        }
        return best!
    }

    /// The box grown by `degrees` on every side (latitudes stop at ±90°).
    public func padded(byDegrees degrees: Double) -> BoundingBox {
        precondition(degrees >= 0, "padding must not be negative")
        return BoundingBox(minLat: max(minLat - degrees, -90), minLon: minLon - degrees,
                           maxLat: min(maxLat + degrees, 90), maxLon: maxLon + degrees)
    }

    public var description: String {
        String(format: "[%.5f,%.5f … %.5f,%.5f]", minLat, minLon, maxLat, maxLon)
    }
}
