import Foundation

/// A WGS-84 position in degrees. Everything inside TraceMap is WGS-84; other datums are converted at the edges.
public struct Coordinate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Whether latitude is within ±90° and longitude within ±180°, both finite.
    public var isValid: Bool {
        lat.isFinite && lon.isFinite && abs(lat) <= 90 && abs(lon) <= 180
    }

    public var description: String { String(format: "%.5f,%.5f", lat, lon) }
}

extension Coordinate {
    /// The mean Earth radius in metres (IUGG), used for all spherical distances.
    public static let earthRadius = 6_371_008.8

    /// Great-circle distance in metres (haversine).
    public func distance(to other: Coordinate) -> Double {
        let phi1 = lat * .pi / 180, phi2 = other.lat * .pi / 180
        let dPhi = phi2 - phi1
        let dLambda = (other.lon - lon) * .pi / 180
        let a = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * Coordinate.earthRadius * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// Great-circle distance in kilometres.
    public func kilometres(to other: Coordinate) -> Double { distance(to: other) / 1000 }
}
