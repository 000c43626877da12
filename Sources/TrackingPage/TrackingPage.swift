import Digest
import Foundation
import Geocoding
import MapRendering

/// One self-contained HTML tracking page: the map with a travelling marker, the status card and the timeline.
///
/// No external resources: the map is the renderer's inline SVG, CSS and script are inline, and the script is
/// allowed by its hash in `contentSecurityPolicy(frameAncestors:)`.
/// ```swift
/// let page = TrackingPage(trace: trace, scene: scene, map: svg, language: .en)
/// // page.html, TrackingPage.contentSecurityPolicy(frameAncestors: ["*"])
/// ```
public struct TrackingPage: Sendable, Hashable {
    /// The page's colour scheme, named like the map styles.
    public enum Theme: String, Sendable, Hashable, CaseIterable {
        case `default`, dark, minimal

        /// Parses `default`, `dark` or `minimal` (any case) or throws `render.unknown_style`.
        public init(parsing text: String) throws {
            guard let theme = Theme(rawValue: text.lowercased()) else {
                throw RenderError(.unknownStyle, "unknown page style '\(text)' (expected default, dark or minimal)")
            }
            self = theme
        }
    }

    /// The whole document.
    public var html: String

    /// Builds the page.
    /// - Parameters:
    ///   - map: the renderer's SVG of `scene` without its card, with its overlay; nil or an unknown route shows
    ///     "route unknown" instead of a map.
    ///   - estimate: an optional ETA line for the card, already worded whole ("预计 12月3日 下午送达").
    ///   - eventsURL: where the page listens for `update` events; nil for a static page.
    ///   - version: the page's ETag, used when the script polls with If-None-Match.
    public init(trace: GeocodedTrace, scene: MapScene, map: RenderedImage?, language: RenderOptions.Language,
                theme: Theme = .default, estimate: String? = nil, eventsURL: String? = nil, version: String? = nil)
    {
        let zh = language == .zh
        let card = CardText(scene: scene, language: language)
        let overlay = scene.isUnknown ? nil : map?.overlay
        var h = "<!DOCTYPE html>\n<html lang=\"\(zh ? "zh-CN" : "en")\""
        if let eventsURL { h += " data-events=\"\(HTML.escape(eventsURL))\"" }
        if let version { h += " data-version=\"\(HTML.escape(version))\"" }
        h += ">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        let title = [card.title, card.subtitle].compactMap { $0 }.joined(separator: " · ")
        h += "<title>\(HTML.escape(title))</title>\n"
        h += "<style>\n\(TrackingPageAssets.css(theme: theme))\n</style>\n"
        h += TrackingPage.motionStyle(overlay) + "\n"
        h += "</head>\n<body>\n<main class=\"tm\">\n"
        h += TrackingPage.mapSection(map: map, overlay: overlay, zh: zh) + "\n"
        h += TrackingPage.cardSection(card, estimate: estimate, hasMotion: overlay?.current != nil, zh: zh) + "\n"
        h += TrackingPage.timelineSection(trace, overlay: overlay, zh: zh) + "\n"
        h += "</main>\n<script>\(TrackingPageAssets.script)</script>\n</body>\n</html>\n"
        html = h
    }

    /// The Content-Security-Policy for every tracking page: nothing external, the one inline script by hash.
    /// - Parameter frameAncestors: the origins allowed to embed the page; empty means any (`*`).
    public static func contentSecurityPolicy(frameAncestors: [String] = []) -> String {
        let ancestors = frameAncestors.isEmpty ? "*" : frameAncestors.joined(separator: " ")
        return "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '\(scriptHash)'; "
            + "connect-src 'self'; frame-ancestors \(ancestors)"
    }

    /// `sha256-BASE64` of the inline script, as CSP Level 2 writes a hash source.
    public static let scriptHash: String = {
        let digest = SHA256.hash(Array(TrackingPageAssets.script.utf8))
        return "sha256-" + Data(digest).base64EncodedString()
    }()

    /// The marker's travel: a CSS `offset-path` along the travelled polyline, in the SVG's pixel units.
    static func motionStyle(_ overlay: MapOverlay?) -> String {
        guard let overlay, let current = overlay.current else { return "<style id=\"tm-motion\"></style>" }
        var points = overlay.travelled
        if points.last != current { points.append(current) }
        if points.count < 2 { points = [current, current] }
        let d = points.enumerated().map { i, p in (i == 0 ? "M" : "L") + number(p.x) + " " + number(p.y) }
            .joined(separator: " ")
        return "<style id=\"tm-motion\">#tm-marker{offset-path:path(\"\(d)\")}</style>"
    }

    static func mapSection(map: RenderedImage?, overlay: MapOverlay?, zh: Bool) -> String {
        guard let map, let overlay else {
            return "<section id=\"tm-map\" class=\"tm-map\"><p class=\"tm-unknown\">\(zh ? "路线未知" : "Route unknown")</p></section>"
        }
        var svg = String(decoding: map.data, as: UTF8.self)
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]) }
        svg = svg.trimmingCharacters(in: .whitespacesAndNewlines)
        let w = number(overlay.width), hgt = number(overlay.height)
        var s = "<section id=\"tm-map\" class=\"tm-map\" aria-label=\"\(zh ? "路线图" : "Route map")\">\(svg)"
        s += "<svg class=\"tm-overlay\" viewBox=\"0 0 \(w) \(hgt)\" preserveAspectRatio=\"xMidYMid meet\" aria-hidden=\"true\">"
        s += "<circle id=\"tm-highlight\" cx=\"-100\" cy=\"-100\" r=\"11\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"3\"/>"
        if overlay.current != nil {
            s += "<circle id=\"tm-marker\" cx=\"0\" cy=\"0\" r=\"7\" fill=\"#e0531f\" stroke=\"#fff\" stroke-width=\"2.5\"/>"
        }
        s += "</svg></section>"
        return s
    }

    static func cardSection(_ card: CardText, estimate: String?, hasMotion: Bool, zh: Bool) -> String {
        var s = "<section id=\"tm-card\" class=\"tm-card\"><h1>\(HTML.escape(card.title))</h1>"
        if let sub = card.subtitle { s += "<p class=\"tm-sub\">\(HTML.escape(sub))</p>" }
        for line in card.lines { s += "<p>\(HTML.escape(line))</p>" }
        if let estimate { s += "<p class=\"tm-eta\">\(HTML.escape(estimate))</p>" }  // worded whole: 预计 12月3日 下午送达
        if let p = card.progress {
            s += "<div class=\"tm-bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" "
                + "aria-valuenow=\"\(Int((p * 100).rounded()))\"><i style=\"width:\(number(p * 100))%\"></i></div>"
        }
        if let text = card.progressText { s += "<p class=\"tm-progress\">\(HTML.escape(text))</p>" }
        if hasMotion { s += "<button type=\"button\" class=\"tm-replay\">\(zh ? "重播路线" : "Replay route")</button>" }
        return s + "</section>"
    }

    static func timelineSection(_ trace: GeocodedTrace, overlay: MapOverlay?, zh: Bool) -> String {
        var s = "<section id=\"tm-timeline\" class=\"tm-timeline\"><h2>\(zh ? "物流详情" : "Tracking history")</h2><ol>"
        let events = trace.events.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time > b.element.time : a.offset > b.offset
        }.map(\.element)
        for event in events {
            s += "<li"
            if let place = event.place, let overlay {
                let p = overlay.point(place.coordinate)
                s += " data-x=\"\(number(p.x))\" data-y=\"\(number(p.y))\""
            }
            s += "><span class=\"tm-time\">\(HTML.escape(CardText.format(event.time, offset: event.utcOffsetSeconds)))</span>"
            s += "<span class=\"tm-text\">\(HTML.escape(event.text))</span>"
            if let place = event.place {
                let name = zh ? place.name : (place.englishName ?? place.name)
                s += "<br><span class=\"tm-place\">\(HTML.escape(name))</span>"
            }
            s += "</li>"
        }
        if trace.events.isEmpty { s += "<li>\(zh ? "暂无物流信息" : "No tracking events yet")</li>" }
        return s + "</ol></section>"
    }

    /// A pixel number with at most one decimal and no exponent.
    static func number(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }
}
