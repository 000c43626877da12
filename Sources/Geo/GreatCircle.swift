import Foundation

/// Great-circle (spherical) geometry: bearings, intermediate points and densified arcs for long legs.
///
/// Formulas are the standard spherical ones (Ed Williams' Aviation Formulary; "Movable Type" scripts): the initial
/// bearing by atan2, intermediate points by spherical linear interpolation of unit vectors. Paths come back with
/// **unwrapped** longitudes: each point's longitude is within 180° of the one before, so Shanghai → Los Angeles
/// runs 121.5° → 241.8° over the Pacific in one continuous piece, and `WebMercator` projects it without a jump.
public enum GreatCircle {
    /// Settings for `legPath`.
    public struct LegSettings: Sendable, Hashable {
        /// Legs at least this long (km) are drawn as great-circle arcs.
        public var longLegKm: Double
        /// Spacing of the points of an arc (km).
        public var stepKm: Double
        /// Never more than this many points per leg (the step grows for longer legs).
        public var maxPoints: Int

        public init(longLegKm: Double = 1_000, stepKm: Double = 50, maxPoints: Int = 512) {
            precondition(longLegKm >= 0 && stepKm > 0 && maxPoints >= 2, "invalid great-circle leg settings")
            self.longLegKm = longLegKm
            self.stepKm = stepKm
            self.maxPoints = maxPoints
        }

        public static let `default` = LegSettings()
    }

    /// The angle between `a` and `b` seen from the Earth's centre, in radians (haversine form, stable when small).
    public static func centralAngle(_ a: Coordinate, _ b: Coordinate) -> Double {
        a.distance(to: b) / Coordinate.earthRadius
    }

    /// The initial bearing from `a` towards `b` along the great circle, in degrees clockwise from north, 0…<360.
    /// For coincident points it is 0.
    public static func initialBearing(from a: Coordinate, to b: Coordinate) -> Double {
        let phi1 = a.lat * .pi / 180, phi2 = b.lat * .pi / 180
        let dLambda = (b.lon - a.lon) * .pi / 180
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        guard y != 0 || x != 0 else { return 0 }
        let deg = atan2(y, x) * 180 / .pi
        let wrapped = (deg + 360).truncatingRemainder(dividingBy: 360)
        return wrapped == 360 ? 0 : wrapped
    }

    /// The point `fraction` (0…1) of the way from `a` to `b` along the great circle.
    ///
    /// The longitude is wrapped into −180…<180 unless `fraction` is 0 (which returns `a` as given). Antipodal
    /// points have no single great circle between them; there the path goes along the meridian of `a` and through
    /// the pole on `a`'s side, which is at least deterministic.
    public static func intermediate(from a: Coordinate, to b: Coordinate, fraction f: Double) -> Coordinate {
        if f == 0 { return a }
        return Arc(a, b).point(at: f)
    }

    /// The arc from `a` to `b` as unit vectors, set up once for any number of intermediate points.
    struct Arc {
        let a: Coordinate
        let va: (Double, Double, Double), vb: (Double, Double, Double)
        let d: Double, sinD: Double
        /// For antipodal ends: the unit vector ⟂ `va` towards the pole on `a`'s side (the 0° meridian at a pole).
        let tangent: (Double, Double, Double)?

        init(_ a: Coordinate, _ b: Coordinate) {
            self.a = a
            va = GreatCircle.unitVector(a)
            vb = GreatCircle.unitVector(b)
            // atan2(|a×b|, a·b) is accurate at every angle, unlike acos or haversine near π.
            let cross = (va.1 * vb.2 - va.2 * vb.1, va.2 * vb.0 - va.0 * vb.2, va.0 * vb.1 - va.1 * vb.0)
            sinD = (cross.0 * cross.0 + cross.1 * cross.1 + cross.2 * cross.2).squareRoot()
            d = atan2(sinD, va.0 * vb.0 + va.1 * vb.1 + va.2 * vb.2)
            if d >= 1e-12 && sinD < 1e-9 {
                let pole: (Double, Double, Double) = a.lat >= 0 ? (0, 0, 1) : (0, 0, -1)
                let dot = va.0 * pole.0 + va.1 * pole.1 + va.2 * pole.2
                let t = (pole.0 - dot * va.0, pole.1 - dot * va.1, pole.2 - dot * va.2)
                let n = (t.0 * t.0 + t.1 * t.1 + t.2 * t.2).squareRoot()
                tangent = n < 1e-12 ? (1, 0, 0) : (t.0 / n, t.1 / n, t.2 / n)
            } else {
                tangent = nil
            }
        }

        /// The point `f` (0…1) of the way along, its longitude wrapped into −180…<180.
        func point(at f: Double) -> Coordinate {
            if d < 1e-12 { return Coordinate(lat: a.lat, lon: WebMercator.normalizedLongitude(a.lon)) }
            if let t = tangent {
                // Antipodal: rotate `a` towards the pole on its own side, by the angle f·π.
                let c = cos(f * .pi), s = sin(f * .pi)
                return GreatCircle.coordinate((c * va.0 + s * t.0, c * va.1 + s * t.1, c * va.2 + s * t.2))
            }
            let wa = sin((1 - f) * d) / sinD, wb = sin(f * d) / sinD
            return GreatCircle.coordinate((wa * va.0 + wb * vb.0, wa * va.1 + wb * vb.1, wa * va.2 + wb * vb.2))
        }
    }

    /// The midpoint of the great-circle arc from `a` to `b`.
    public static func midpoint(_ a: Coordinate, _ b: Coordinate) -> Coordinate {
        intermediate(from: a, to: b, fraction: 0.5)
    }

    /// The point reached from `a` after `distanceKm` on the initial `bearing` (degrees).
    public static func destination(from a: Coordinate, bearing: Double, distanceKm: Double) -> Coordinate {
        let delta = distanceKm * 1000 / Coordinate.earthRadius
        let theta = bearing * .pi / 180
        let phi1 = a.lat * .pi / 180, lambda1 = a.lon * .pi / 180
        let phi2 = asin(sin(phi1) * cos(delta) + cos(phi1) * sin(delta) * cos(theta))
        let lambda2 = lambda1 + atan2(sin(theta) * sin(delta) * cos(phi1), cos(delta) - sin(phi1) * sin(phi2))
        return Coordinate(lat: phi2 * 180 / .pi, lon: WebMercator.normalizedLongitude(lambda2 * 180 / .pi))
    }

    /// Points along the great circle from `a` to `b`, at most `stepKm` apart, with unwrapped longitudes.
    ///
    /// The first point is `a` exactly as given (its longitude may itself be unwrapped, say 241.8 for Los Angeles
    /// reached over the Pacific), the last is `b` shifted by whole turns to continue the path; every longitude is
    /// within 180° of the one before. At most `maxPoints` points (the step grows to respect it); at least 2.
    public static func densify(from a: Coordinate, to b: Coordinate, stepKm: Double = 50,
                               maxPoints: Int = 512) -> [Coordinate]
    {
        precondition(stepKm > 0 && maxPoints >= 2, "densify needs a positive step and at least two points")
        let km = a.kilometres(to: b)
        let segments = max(1, min(maxPoints - 1, Int((km / stepKm).rounded(.up))))
        var points = [a]
        points.reserveCapacity(segments + 1)
        let arc = Arc(a, b)
        for i in 1..<segments {
            points.append(arc.point(at: Double(i) / Double(segments)))
        }
        points.append(b)
        return unwrapped(points)
    }

    /// The path to draw for a leg: a densified great-circle arc when the leg is long (≥ `settings.longLegKm`) or
    /// `crossesBorderOrSea` is true and the leg is not trivially short, otherwise the straight pair `[a, b]`.
    /// Longitudes are unwrapped from `a`'s, as in `densify`.
    public static func legPath(from a: Coordinate, to b: Coordinate, crossesBorderOrSea: Bool = false,
                               settings: LegSettings = .default) -> [Coordinate]
    {
        let km = a.kilometres(to: b)
        if km >= settings.longLegKm || (crossesBorderOrSea && km > settings.stepKm) {
            return densify(from: a, to: b, stepKm: settings.stepKm, maxPoints: settings.maxPoints)
        }
        return unwrapped([a, b])
    }

    /// `path` with each longitude shifted by whole turns to lie within 180° of the previous one (the first is kept).
    public static func unwrapped(_ path: [Coordinate]) -> [Coordinate] {
        guard var previous = path.first?.lon else { return [] }
        var out = path
        for i in out.indices.dropFirst() {
            out[i].lon = WebMercator.longitude(out[i].lon, nearestTo: previous)
            previous = out[i].lon
        }
        return out
    }

    static func unitVector(_ c: Coordinate) -> (Double, Double, Double) {
        let phi = c.lat * .pi / 180, lambda = c.lon * .pi / 180
        return (cos(phi) * cos(lambda), cos(phi) * sin(lambda), sin(phi))
    }

    static func coordinate(_ v: (Double, Double, Double)) -> Coordinate {
        let lat = atan2(v.2, (v.0 * v.0 + v.1 * v.1).squareRoot()) * 180 / .pi
        let lon = atan2(v.1, v.0) * 180 / .pi
        return Coordinate(lat: lat, lon: WebMercator.normalizedLongitude(lon))
    }
}
