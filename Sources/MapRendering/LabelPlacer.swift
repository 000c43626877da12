/// Greedy label placement: labels in priority order, each at the first free candidate position around its anchor.
///
/// A label may not overlap a placed label, a marker or another obstacle (the status card, the scale bar), and
/// must lie inside the image; when no candidate fits it is dropped. Among free candidates the one covering the
/// fewest route points wins (ties: the candidate order right, left, above, below, then the diagonals).
struct LabelPlacer {
    /// A label to place: the text box size and the marker it belongs to.
    struct Request {
        var id: Int
        var anchorX: Double
        var anchorY: Double
        /// Distance from the anchor to the label box (the marker's radius plus a gap).
        var offset: Double
        var width: Double
        var height: Double
        /// Higher is placed first.
        var priority: Int
    }

    struct Placement: Hashable {
        var id: Int
        var rect: Rect
    }

    let bounds: Rect
    var obstacles: [Rect]
    /// Route points in image space: covering them is allowed but penalised.
    let routePoints: [(x: Double, y: Double)]

    /// Places `requests` (any order) and returns the placed ones in priority order.
    mutating func place(_ requests: [Request], limit: Int) -> [Placement] {
        var placed: [Placement] = []
        let ordered = requests.enumerated().sorted {
            $0.element.priority != $1.element.priority ? $0.element.priority > $1.element.priority
                : $0.offset < $1.offset
        }.map(\.element)
        for request in ordered where placed.count < limit {
            var best: (rect: Rect, cost: Int)?
            for (index, rect) in candidates(request).enumerated() {
                guard bounds.contains(rect), !obstacles.contains(where: { $0.intersects(rect) }) else { continue }
                let covered = routePoints.reduce(0) { $0 + (rect.contains(x: $1.x, y: $1.y) ? 1 : 0) }
                let cost = covered * 4 + index
                if best == nil || cost < best!.cost { best = (rect, cost) }
            }
            if let best {
                placed.append(Placement(id: request.id, rect: best.rect))
                obstacles.append(best.rect)
            }
        }
        return placed
    }

    /// Places context labels (country and province names) centred on their label points, in the given order:
    /// each must be free of obstacles and placed labels and may not cover any route point.
    /// A label whose centre is taken (by a city's dot, say) may move up or down by its own height.
    mutating func placeCentred(_ requests: [Request], limit: Int) -> [Placement] {
        var placed: [Placement] = []
        for r in requests where placed.count < limit {
            for dy in [0, -r.height, r.height] {
                let rect = Rect(x: r.anchorX - r.width / 2, y: r.anchorY - r.height / 2 + dy, width: r.width,
                                height: r.height)
                guard let free = placeCentred(rect) else { continue }
                placed.append(Placement(id: r.id, rect: free))
                break
            }
        }
        return placed
    }

    /// Candidate boxes around the anchor: right, left, above, below, then the four diagonals.
    func candidates(_ r: Request) -> [Rect] {
        let w = r.width, h = r.height, d = r.offset
        let ax = r.anchorX, ay = r.anchorY
        let diag = d * 0.75
        return [
            Rect(x: ax + d, y: ay - h / 2, width: w, height: h),
            Rect(x: ax - d - w, y: ay - h / 2, width: w, height: h),
            Rect(x: ax - w / 2, y: ay - d - h, width: w, height: h),
            Rect(x: ax - w / 2, y: ay + d, width: w, height: h),
            Rect(x: ax + diag, y: ay - diag - h, width: w, height: h),
            Rect(x: ax - diag - w, y: ay - diag - h, width: w, height: h),
            Rect(x: ax + diag, y: ay + diag, width: w, height: h),
            Rect(x: ax - diag - w, y: ay + diag, width: w, height: h),
        ]
    }
}

extension LabelPlacer {
    /// Whether `rect` touches a placed label or another obstacle, or lies on the route.
    func isBlocked(_ rect: Rect) -> Bool {
        obstacles.contains(where: { $0.intersects(rect) })
            || routePoints.contains(where: { rect.insetBy(-3).contains(x: $0.x, y: $0.y) })
    }

    /// Places a context city's label right of, left of, above or below its dot (the first that is free, inside
    /// the image and off the route); the dot and the label, grown by `spacing`, then block later labels.
    mutating func placeBeside(x: Double, y: Double, offset d: Double, width w: Double, height h: Double, dot: Rect,
                              spacing: Double) -> Rect?
    {
        let candidates = [Rect(x: x + d, y: y - h / 2, width: w, height: h),
                          Rect(x: x - d - w, y: y - h / 2, width: w, height: h),
                          Rect(x: x - w / 2, y: y - d - h, width: w, height: h),
                          Rect(x: x - w / 2, y: y + d, width: w, height: h)]
        guard let rect = candidates.first(where: { bounds.contains($0) && !isBlocked($0) }) else { return nil }
        obstacles.append(dot.insetBy(-spacing))
        obstacles.append(rect.insetBy(-spacing))
        return rect
    }
}

extension LabelPlacer {
    /// Places one centred context label at `rect` when it is inside the image, free and off the route.
    mutating func placeCentred(_ rect: Rect) -> Rect? {
        guard bounds.contains(rect), !isBlocked(rect) else { return nil }
        obstacles.append(rect.insetBy(-6))
        return rect
    }
}
