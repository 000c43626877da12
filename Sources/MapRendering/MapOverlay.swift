import Geo

/// The route projected into a rendered map's CSS pixels: what an overlay needs to draw over the image.
///
/// Points are on the world copy nearest the view's centre, so a route across the antimeridian stays continuous
/// and on screen.
public struct MapOverlay: Sendable, Hashable {
    /// A point in image pixels (CSS pixels; points for SVG).
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public var width: Double
    public var height: Double
    /// The path travelled, origin → current position.
    public var travelled: [Point]
    /// The path still to go.
    public var remaining: [Point]
    /// Where the parcel is now.
    public var current: Point?
    /// The projection: Web Mercator zoom, the view's top-left in world pixels, and the world-copy shift.
    public var zoom: Double
    public var originX: Double
    public var originY: Double
    public var shiftX: Double

    /// Where `coordinate` is in the image, on the world copy nearest the view's centre.
    public func point(_ coordinate: Coordinate) -> Point {
        let world = WebMercator.worldSize(zoom: zoom)
        var x = WebMercator.x(lon: coordinate.lon, zoom: zoom) - originX
        if world > 0 { x += ((width / 2 - x) / world).rounded() * world }
        return Point(x: x, y: WebMercator.y(lat: coordinate.lat, zoom: zoom) - originY)
    }

    public init(width: Double, height: Double, travelled: [Point], remaining: [Point], current: Point?,
                zoom: Double = 0, originX: Double = 0, originY: Double = 0, shiftX: Double = 0)
    {
        self.zoom = zoom
        self.originX = originX
        self.originY = originY
        self.shiftX = shiftX
        self.width = width
        self.height = height
        self.travelled = travelled
        self.remaining = remaining
        self.current = current
    }

    /// The overlay of a laid-out map.
    init(layout: MapLayout) {
        let v = layout.viewport
        let scene = layout.scene
        let all = scene.travelled + scene.remaining + (scene.current.map { [$0] } ?? [])
        let projected = all.map { v.point($0) }
        // Shift by whole worlds so the route's middle is nearest the view's centre.
        var shift = 0.0
        if let minX = projected.map(\.x).min(), let maxX = projected.map(\.x).max(), v.worldSize > 0 {
            let k = ((v.width / 2 - (minX + maxX) / 2) / v.worldSize).rounded()
            shift = k * v.worldSize
        }
        func point(_ c: Coordinate) -> Point {
            let p = v.point(c)
            return Point(x: p.x + shift, y: p.y)
        }
        self.init(width: v.width, height: v.height, travelled: scene.travelled.map(point),
                  remaining: scene.remaining.map(point),
                  // No moving marker where the image shows none: a delivered parcel at its destination is its pin.
                  current: layout.markers.contains { $0.role == .current } ? scene.current.map(point) : nil,
                  zoom: v.zoom,
                  originX: v.originX, originY: v.originY, shiftX: shift)
    }
}
