import Cairo
import Foundation

/// What a rendered map shows, as data: its zoom, every label with its box, every marker and the card's facts.
///
/// Written by `tracemap render --scene FILE` and read by tests that check a map's structure (the expected labels
/// and markers are there, no two labels overlap) instead of only its pixels (issue 15 §5). Coordinates are in
/// output pixels (a PNG at scale 2 has twice the numbers), origin at the top left.
public struct SceneDescription: Sendable, Hashable {
    public struct Label: Sendable, Hashable {
        public var text: String
        /// origin, hub, current, destination, predicted, context (cities) or region (country and province names).
        public var role: String
        public var x, y, width, height: Double
    }

    public struct Marker: Sendable, Hashable {
        /// origin, hub, current, destination or predicted.
        public var role: String
        public var x, y: Double
    }

    public struct Card: Sendable, Hashable {
        public var state: String
        public var place: String?
        public var progress: Double?
        public var remainingKm: Double?
    }

    public var zoom: Double
    public var labels: [Label]
    public var markers: [Marker]
    public var card: Card?

    /// Whether any two labels' boxes overlap (they never should).
    public var hasOverlappingLabels: Bool {
        for i in labels.indices {
            for j in labels.indices where j > i {
                let a = labels[i], b = labels[j]
                if a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height { return true }
            }
        }
        return false
    }

    /// `{"zoom", "labels": [{text, role, x, y, width, height}], "markers": [{role, x, y}], "card": {…} | null}`.
    public var json: Data {
        func r(_ v: Double) -> Double { (v * 10).rounded() / 10 }
        let object: [String: Any] = [
            "zoom": (zoom * 100).rounded() / 100,
            "labels": labels.map { ["text": $0.text, "role": $0.role, "x": r($0.x), "y": r($0.y), "width": r($0.width),
                                    "height": r($0.height)] as [String: Any] },
            "markers": markers.map { ["role": $0.role, "x": r($0.x), "y": r($0.y)] as [String: Any] },
            "card": card.map { c -> Any in
                ["state": c.state, "place": c.place as Any? ?? NSNull(), "progress": c.progress as Any? ?? NSNull(),
                 "remaining_km": c.remainingKm.map { r($0) } as Any? ?? NSNull()] as [String: Any]
            } ?? NSNull(),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}

extension MapRenderer {
    /// The layout `render(scene:options:)` would draw, described (no pixels are drawn).
    /// - Throws: `RenderError` for bad options, or when the measuring surface cannot be made.
    public func describe(scene: MapScene, options: RenderOptions) throws -> SceneDescription {
        try limits.validate(options)
        let style = try styles.style(named: options.style)
        let cr: Context
        do { cr = try Context(surface: try ImageSurface(format: .rgb24, width: 1, height: 1)) } catch {
            throw RenderError(.drawingFailed, "cannot make a measuring surface: \(error)")
        }
        let layout = self.layout(scene, style: style, options: options, measure: cr)
        let k = options.format == .png ? Double(options.scale) : 1
        let roles: [MapLayout.MarkerRole: String] = [.hub: "hub", .predicted: "predicted", .origin: "origin",
                                                     .destination: "destination", .current: "current"]
        return SceneDescription(
            zoom: layout.viewport.zoom,
            labels: layout.labels.map { .init(text: $0.text, role: $0.role, x: $0.rect.x * k, y: $0.rect.y * k,
                                              width: $0.rect.width * k, height: $0.rect.height * k) },
            markers: layout.markers.map { .init(role: roles[$0.role] ?? "hub", x: $0.x * k, y: $0.y * k) },
            card: layout.card.map { _ in
                .init(state: scene.state.rawValue, place: scene.currentName, progress: scene.progress,
                      remainingKm: scene.remainingKm)
            })
    }
}
