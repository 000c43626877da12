import Foundation

/// Conversions between WGS-84 and the two Chinese web-map datums: GCJ-02 (Amap, Tencent) and BD-09 (Baidu).
///
/// GCJ-02 is WGS-84 plus a published, deterministic obfuscation that applies only inside China; the inverse has no
/// closed form and is solved by fixed-point iteration to well under a millimetre. BD-09 is a further offset and
/// rotation of GCJ-02. Outside mainland China (by the usual rough box) GCJ-02 equals WGS-84.
public enum ChinaDatum {
    /// Krasovsky 1940 semi-major axis and eccentricity squared, as used by the GCJ-02 transform.
    static let a = 6_378_245.0
    static let ee = 0.006_693_421_622_965_943_23

    /// Whether the obfuscation applies: the rough mainland box every GCJ-02 implementation uses.
    public static func isInsideChina(_ c: Coordinate) -> Bool {
        c.lon >= 72.004 && c.lon <= 137.8347 && c.lat >= 0.8293 && c.lat <= 55.8271
    }

    private static func transformLat(_ x: Double, _ y: Double) -> Double {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        r += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        return r
    }

    private static func transformLon(_ x: Double, _ y: Double) -> Double {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        r += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        return r
    }

    /// WGS-84 → GCJ-02.
    public static func wgs84ToGCJ02(_ c: Coordinate) -> Coordinate {
        guard isInsideChina(c) else { return c }
        let dLat0 = transformLat(c.lon - 105.0, c.lat - 35.0)
        let dLon0 = transformLon(c.lon - 105.0, c.lat - 35.0)
        let radLat = c.lat / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = magic.squareRoot()
        let dLat = (dLat0 * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        let dLon = (dLon0 * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return Coordinate(lat: c.lat + dLat, lon: c.lon + dLon)
    }

    /// GCJ-02 → WGS-84, by iterating the forward transform until it reproduces the input (error < 1e-9°).
    public static func gcj02ToWGS84(_ g: Coordinate) -> Coordinate {
        guard isInsideChina(g) else { return g }
        var w = g
        for _ in 0..<30 {
            let f = wgs84ToGCJ02(w)
            let dLat = f.lat - g.lat, dLon = f.lon - g.lon
            w = Coordinate(lat: w.lat - dLat, lon: w.lon - dLon)
            if abs(dLat) < 1e-10 && abs(dLon) < 1e-10 { break }
        }
        return w
    }

    /// The BD-09 constant: π × 3000 / 180.
    static let xPi = Double.pi * 3000.0 / 180.0

    /// GCJ-02 → BD-09.
    public static func gcj02ToBD09(_ g: Coordinate) -> Coordinate {
        let x = g.lon, y = g.lat
        let z = (x * x + y * y).squareRoot() + 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(lat: z * sin(theta) + 0.006, lon: z * cos(theta) + 0.0065)
    }

    /// BD-09 → GCJ-02.
    public static func bd09ToGCJ02(_ b: Coordinate) -> Coordinate {
        let x = b.lon - 0.0065, y = b.lat - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return Coordinate(lat: z * sin(theta), lon: z * cos(theta))
    }

    /// WGS-84 → BD-09.
    public static func wgs84ToBD09(_ c: Coordinate) -> Coordinate { gcj02ToBD09(wgs84ToGCJ02(c)) }

    /// BD-09 → WGS-84.
    public static func bd09ToWGS84(_ b: Coordinate) -> Coordinate { gcj02ToWGS84(bd09ToGCJ02(b)) }
}

/// A named coordinate datum, for command-line and API options.
public enum Datum: String, Sendable, CaseIterable {
    case wgs84, gcj02, bd09

    /// Converts `c` from this datum to `target`.
    public func convert(_ c: Coordinate, to target: Datum) -> Coordinate {
        let wgs: Coordinate
        switch self {
        case .wgs84: wgs = c
        case .gcj02: wgs = ChinaDatum.gcj02ToWGS84(c)
        case .bd09: wgs = ChinaDatum.bd09ToWGS84(c)
        }
        switch target {
        case .wgs84: return wgs
        case .gcj02: return ChinaDatum.wgs84ToGCJ02(wgs)
        case .bd09: return ChinaDatum.wgs84ToBD09(wgs)
        }
    }
}
