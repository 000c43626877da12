import Foundation

extension MapLayout {
    /// How far (px) a part of the route that goes back over an earlier part is drawn beside it.
    static let retraceOffset = 5.0

    /// The travelled and remaining paths in image pixels, with every part that retraces an earlier part of the
    /// route (a return along the outbound way) moved `retraceOffset` to its right, so the way back is seen beside
    /// the way out instead of exactly over it (issue 15 §4).
    ///
    /// A point retraces when it lies within 4 px of a point at least 40 px earlier along the route.
    static func routePixels(travelled: [(x: Double, y: Double)], remaining: [(x: Double, y: Double)])
        -> (travelled: [(x: Double, y: Double)], remaining: [(x: Double, y: Double)])
    {
        let all = travelled + remaining
        guard all.count >= 3, all.count <= 4000 else { return (travelled, remaining) }
        var along = [Double](repeating: 0, count: all.count)
        for i in 1..<all.count { along[i] = along[i - 1] + hypot(all[i].x - all[i - 1].x, all[i].y - all[i - 1].y) }
        var retraces = [Bool](repeating: false, count: all.count)
        var any = false
        for i in all.indices {
            var j = 0
            while j < i && along[i] - along[j] >= 40 {
                if abs(all[i].x - all[j].x) < 4 && abs(all[i].y - all[j].y) < 4 {
                    retraces[i] = true
                    any = true
                    break
                }
                j += 1
            }
        }
        guard any else { return (travelled, remaining) }
        var moved = all
        for i in all.indices where retraces[i] {
            // The direction of travel at i, from its neighbours; its right-hand normal in image space (y down).
            let a = all[max(i - 1, 0)], b = all[min(i + 1, all.count - 1)]
            let dx = b.x - a.x, dy = b.y - a.y, length = hypot(dx, dy)
            guard length > 0 else { continue }
            moved[i] = (all[i].x - dy / length * retraceOffset, all[i].y + dx / length * retraceOffset)
        }
        // Where travelled meets remaining, both share the point: keep them joined.
        return (Array(moved[..<travelled.count]), Array(moved[travelled.count...]))
    }
}
