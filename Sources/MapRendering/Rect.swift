/// An axis-aligned rectangle in image (CSS pixel) space, for layout and collision tests.
struct Rect: Sendable, Hashable {
    var x, y, width, height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    func contains(_ other: Rect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    func contains(x px: Double, y py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }

    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    /// A square of side `2 × radius` around a point.
    static func around(x: Double, y: Double, radius: Double) -> Rect {
        Rect(x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius)
    }
}
