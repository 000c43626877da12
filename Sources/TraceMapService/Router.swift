import HTTPServer

/// Dispatches requests by method and path template to handlers; answers 404 and 405 itself.
///
/// A template is a path whose segments may hold `{name}` placeholders, e.g. `/v1/maps/{id}.{format}`. The
/// template, not the raw path, names the route in metrics, so label cardinality stays bounded.
/// ```swift
/// var router = Router()
/// router.add("GET", "/v1/maps/{id}.{format}") { request, match in … match["id"] … }
/// ```
/// `HEAD` falls back to the `GET` handler (the server drops the body).
///
/// A route may also have an `answerNow` handler: what the transport's fast path runs on the connection thread
/// (`HTTPServer.FastHandler`). It returns the exact response the route's handler would give when that is cheap to
/// know (a cache hit), else nil; `dispatchNow` selects the route exactly as `dispatch` does.
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, RouteMatch) throws -> HTTPResponse
    /// The same answer as the route's `Handler` if it is ready without blocking, else nil.
    public typealias ImmediateHandler = @Sendable (HTTPRequest, RouteMatch) -> HTTPResponse?

    struct Route: Sendable {
        var method: String
        var template: String
        var pattern: [[Piece]]
        var handler: Handler
        var answerNow: ImmediateHandler?
    }

    enum Piece: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route; a later route never shadows an earlier one with the same method and template.
    public mutating func add(_ method: String, _ template: String, answerNow: ImmediateHandler? = nil,
                             _ handler: @escaping Handler) {
        precondition(template.hasPrefix("/"), "route templates start with '/'")
        routes.append(Route(method: method, template: template, pattern: Self.compile(template), handler: handler,
                            answerNow: answerNow))
    }

    /// Whether any route has an `answerNow` handler (if none, the server needs no fast path).
    public var hasImmediateHandlers: Bool { routes.contains { $0.answerNow != nil } }

    /// The immediate answer of the route `dispatch` would run, and its template; nil when that route has no
    /// `answerNow` handler or it returned nil (then `dispatch` must run).
    public func dispatchNow(_ request: HTTPRequest) -> (template: String, response: HTTPResponse)? {
        let segments = Self.segments(request.path)
        var firstTemplate: String?
        for route in routes {
            guard let parameters = Self.match(route.pattern, segments) else { continue }
            if firstTemplate == nil { firstTemplate = route.template }
            guard selects(route, request) else { continue }
            guard let answerNow = route.answerNow, let template = firstTemplate,
                  let response = answerNow(request, RouteMatch(template: route.template, parameters: parameters))
            else { return nil }
            return (template, response)
        }
        return nil
    }

    /// Whether `route` (whose path matched) runs for the request's method: the same method, or HEAD falling back
    /// to GET when the template has no HEAD route of its own.
    private func selects(_ route: Route, _ request: HTTPRequest) -> Bool {
        route.method == request.method || (request.method == "HEAD" && route.method == "GET"
            && !routes.contains { $0.method == "HEAD" && $0.template == route.template })
    }

    /// The route template that `request` matches, or nil (for metrics of unrouted requests).
    public func template(for request: HTTPRequest) -> String? {
        let segments = Self.segments(request.path)
        return routes.first { Self.match($0.pattern, segments) != nil }?.template
    }

    /// Runs the matching handler. Throws 404 `http.not_found` when no template matches the path, 405
    /// `http.method_not_allowed` (with `Allow`) when templates match but not the method; handler errors pass through.
    public func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        try dispatch(request).response.get()
    }

    /// Runs the matching handler and names the template matched (nil when none), splitting the path once: the
    /// service's per-request entry point, so metrics need no second pass over the routes.
    public func dispatch(_ request: HTTPRequest) -> (template: String?, response: Result<HTTPResponse, any Error>) {
        let segments = Self.segments(request.path)
        var firstTemplate: String?
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.match(route.pattern, segments) else { continue }
            if firstTemplate == nil { firstTemplate = route.template }
            if selects(route, request) {
                let match = RouteMatch(template: route.template, parameters: parameters)
                return (firstTemplate, Result { try route.handler(request, match) })
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        guard !allowed.isEmpty else {
            return (nil, .failure(HTTPError.notFound("no route for \(request.path)")))
        }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return (firstTemplate, .failure(HTTPError.methodNotAllowed(allowed: allowed)))
    }

    static func segments(_ path: String) -> [Substring] {
        Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
    }

    static func compile(_ template: String) -> [[Piece]] {
        template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { segment in
            var pieces: [Piece] = []
            var rest = Substring(segment)
            while let open = rest.firstIndex(of: "{") {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                guard let close = rest[open...].firstIndex(of: "}") else {
                    preconditionFailure("unclosed '{' in route template \(template)")
                }
                pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { pieces.append(.literal(String(rest))) }
            return pieces
        }
    }

    /// The parameters if the path's `segments` fit `pattern`: each placeholder takes a non-empty run up to the next
    /// literal.
    static func match(_ pattern: [[Piece]], _ segments: [Substring]) -> [String: String]? {
        guard segments.count == pattern.count else { return nil }
        var parameters: [String: String] = [:]
        for (pieces, segment) in zip(pattern, segments) {
            var rest = segment[...]
            for (index, piece) in pieces.enumerated() {
                switch piece {
                case .literal(let text):
                    guard rest.hasPrefix(text) else { return nil }
                    rest = rest.dropFirst(text.count)
                case .parameter(let name):
                    let value: Substring
                    if index + 1 < pieces.count, case .literal(let next) = pieces[index + 1] {
                        guard let end = firstIndex(of: next, in: rest) else { return nil }
                        value = rest[..<end]
                    } else {
                        value = rest
                    }
                    guard !value.isEmpty else { return nil }
                    parameters[name] = String(value)
                    rest = rest[value.endIndex...]
                }
            }
            guard rest.isEmpty else { return nil }
        }
        return parameters
    }
}

extension Router {
    /// Where `needle` first occurs in `text`, comparing UTF-8 bytes (Foundation's `range(of:)` was a visible part
    /// of every request's routing).
    static func firstIndex(of needle: String, in text: Substring) -> Substring.Index? {
        let wanted = Array(needle.utf8)
        guard let first = wanted.first else { return text.startIndex }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == first && bytes[index...].starts(with: wanted) { return index }
            index = bytes.index(after: index)
        }
        return nil
    }
}

/// The route a request matched and the values of its placeholders.
public struct RouteMatch: Sendable, Equatable {
    public var template: String
    public var parameters: [String: String]

    public subscript(name: String) -> String? { parameters[name] }
}

import Foundation
