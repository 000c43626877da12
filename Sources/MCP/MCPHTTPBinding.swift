import Foundation

/// The Streamable HTTP binding of an `MCPServer`: one POST body in, a status, a media type and a body out.
///
/// MCP 2026-07-28 "Transports", Streamable HTTP: a notification gets 202 with no body; a request gets its answer
/// as `application/json`, or as one `text/event-stream` event when the client accepts only SSE. A modern request
/// needs an `MCP-Protocol-Version` header equal to its `_meta` version, and `Mcp-Method` (and `Mcp-Name` for
/// `tools/call`) equal to the body's, else 400 with `HeaderMismatch` (-32020) ("Server Validation"). Legacy
/// clients name their negotiated version in the same header after `initialize` (2025-06-18 and later); one
/// that omits it is treated as 2025-03-26, as the binding allows. No session id is issued: the server is
/// stateless in both eras. Origin and authentication are the embedding service's to check.
public struct MCPHTTPBinding: Sendable {
    public let server: MCPServer

    public init(server: MCPServer) { self.server = server }

    /// What to send back.
    public struct Reply: Sendable {
        public let status: Int
        /// nil with 202.
        public let contentType: String?
        public let body: Data
        public let kind: MCPServer.Kind
    }

    /// Answers one POST; `header` looks a request header up by name (case-insensitive).
    public func handle(body: Data, header: (String) -> String?) -> Reply {
        let versionHeader = header("MCP-Protocol-Version")?.trimmingCharacters(in: .whitespaces)
        if let mismatch = headerMismatch(body, versionHeader: versionHeader, header: header) {
            let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"]
            return reply(mismatch, id: id.flatMap { $0 is String || $0 is NSNumber ? $0 : nil }, accept: header("Accept"))
        }
        var session = MCPSession(legacyVersion: versionHeader.flatMap { MCPVersion.legacy.contains($0) ? $0 : nil }
            ?? (versionHeader == nil ? "2025-03-26" : nil))
        let (data, kind) = server.handle(body, session: &session)
        guard let data else { return Reply(status: 202, contentType: nil, body: Data(), kind: kind) }
        let status: Int
        switch kind {
        case .result, .silent: status = 200
        case .error(_, let code):
            switch code {
            case MCPError.methodNotFound: status = 404
            case MCPError.internalError: status = 500
            default: status = 400
            }
        }
        return encoded(data, status: status, kind: kind, accept: header("Accept"))
    }

    /// The HeaderMismatch error for a modern request whose headers disagree with its body, else nil.
    func headerMismatch(_ body: Data, versionHeader: String?, header: (String) -> String?) -> MCPError? {
        guard let message = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let method = message["method"] as? String
        else { return nil }  // the server answers malformed bodies itself
        let params = message["params"] as? [String: Any]
        guard let version = (params?["_meta"] as? [String: Any])?[MCPServer.versionKey] as? String else { return nil }
        func mismatch(_ what: String) -> MCPError {
            MCPError(code: MCPError.headerMismatch, message: "Header mismatch: \(what)")
        }
        guard versionHeader == version else {
            return mismatch("MCP-Protocol-Version \(versionHeader.map { "'\($0.prefix(40))'" } ?? "missing") "
                + "does not match _meta \(MCPServer.versionKey) '\(version.prefix(40))'")
        }
        guard let sent = header("Mcp-Method"), sent == method else {
            return mismatch("Mcp-Method must be '\(method.prefix(60))'")
        }
        if method == "tools/call", let name = params?["name"] as? String {
            guard let raw = header("Mcp-Name"), Self.decoded(raw) == name else {
                return mismatch("Mcp-Name must be '\(name.prefix(60))'")
            }
        }
        return nil
    }

    /// A header value in the binding's Base64 sentinel form (`=?base64?…?=`) decoded, else as sent.
    static func decoded(_ value: String) -> String {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.count >= 11 else { return value }
        let inner = String(value.dropFirst(9).dropLast(2))
        guard let data = Data(base64Encoded: inner) else { return value }
        return String(decoding: data, as: UTF8.self)
    }

    private func reply(_ error: MCPError, id: Any?, accept: String?) -> Reply {
        var object: [String: Any] = ["jsonrpc": "2.0", "error": ["code": error.code, "message": error.message]]
        object["id"] = id ?? NSNull()
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return encoded(data, status: 400, kind: .error(method: nil, code: error.code), accept: accept)
    }

    /// JSON, or one SSE event when the client accepts `text/event-stream` and not `application/json`.
    private func encoded(_ data: Data, status: Int, kind: MCPServer.Kind, accept: String?) -> Reply {
        let accepts = (accept ?? "").lowercased()
        if accepts.contains("text/event-stream") && !accepts.contains("application/json") && !accepts.contains("*/*") {
            var event = Data("event: message\ndata: ".utf8)
            event.append(data)
            event.append(contentsOf: Array("\n\n".utf8))
            return Reply(status: status, contentType: "text/event-stream", body: event, kind: kind)
        }
        return Reply(status: status, contentType: "application/json", body: data, kind: kind)
    }
}
