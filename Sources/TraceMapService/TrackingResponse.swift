import Arrival
import Digest
import Foundation
import Geo
import Geocoding
import HTTPServer
import MapRendering
import Pipeline
import TrackingPage

/// The tracking page and route GeoJSON answers, shared by stored maps and shipments.
///
/// Both carry an ETag over what they depend on (`seed`: the stored trace's identity and version) and answer
/// `If-None-Match` with 304; the page carries its Content-Security-Policy. Neither sets a cookie.
struct TrackingResponse {
    let engine: TraceEngine
    let frameAncestors: [String]
    let cacheControl: String
    /// The delivery history the ETA line uses (nil: priors only).
    var history: DeliveryHistory? = nil

    /// `GET …/page?lang=zh|en&style=default|dark|minimal`.
    /// - Parameter eventsURL: the event stream the page subscribes to (nil: a static page).
    func page(_ request: HTTPRequest, seed: String, defaults: RenderOptions, eventsURL: String? = nil,
              trace load: () throws -> GeocodedTrace) throws -> HTTPResponse
    {
        let language = try request.queryValue("lang").map(RenderOptions.Language.init(parsing:)) ?? defaults.language
        let theme = try TrackingPage.Theme(parsing: request.queryValue("style")
            ?? (TrackingPage.Theme(rawValue: defaults.style) != nil ? defaults.style : "default"))
        let etag = Self.etag("p", "\(seed)|\(language.rawValue)|\(theme.rawValue)|\(engine.dataVersion)|\(eventsURL ?? "")")
        var headers = HTTPHeaders([("ETag", etag), ("Cache-Control", cacheControl),
                                   ("Content-Security-Policy",
                                    TrackingPage.contentSecurityPolicy(frameAncestors: frameAncestors)),
                                   ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")])
        if request.ifNoneMatch(etag) { return .notModified(etag: etag, headers: headers) }
        let html = try engine.page(trace: try load(), language: language, theme: theme, eventsURL: eventsURL,
                                   version: etag, history: history)
        headers.set("Content-Type", "text/html; charset=utf-8")
        return HTTPResponse(status: 200, headers: headers, body: Array(html.utf8))
    }

    /// `GET …/route.geojson?datum=wgs84|gcj02|bd09&style=NAME`.
    func geoJSON(_ request: HTTPRequest, seed: String, defaults: RenderOptions, trace load: () throws -> GeocodedTrace)
        throws -> HTTPResponse
    {
        let datumName = request.queryValue("datum") ?? "wgs84"
        guard let datum = Datum(rawValue: datumName.lowercased()) else {
            throw HTTPError.badRequest("unknown datum '\(datumName.prefix(40))' (expected wgs84, gcj02 or bd09)")
        }
        let style = request.queryValue("style") ?? defaults.style
        let etag = Self.etag("g", "\(seed)|\(datum.rawValue)|\(style)|\(engine.dataVersion)")
        var headers = HTTPHeaders([("ETag", etag), ("Cache-Control", cacheControl),
                                   ("Access-Control-Allow-Origin", "*")])
        if request.ifNoneMatch(etag) { return .notModified(etag: etag, headers: headers) }
        let data = try engine.routeGeoJSON(try load(), datum: datum, styleName: style, history: history)
        headers.set("Content-Type", "application/geo+json")
        return HTTPResponse(status: 200, headers: headers, body: Array(data))
    }

    static func etag(_ kind: String, _ text: String) -> String {
        "\"\(kind)" + Hex.encode(SHA256.hash(Array(text.utf8)).prefix(16)) + "\""
    }
}
