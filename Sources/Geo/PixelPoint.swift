/// A point in projected (world pixel) space: `x` grows east, `y` grows south, as in Web Mercator tiles.
public struct PixelPoint: Sendable, Hashable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Euclidean distance to `other`, in pixels.
    public func distance(to other: PixelPoint) -> Double {
        let dx = other.x - x, dy = other.y - y
        return (dx * dx + dy * dy).squareRoot()
    }

    public var description: String { "(\(x), \(y))" }
}
