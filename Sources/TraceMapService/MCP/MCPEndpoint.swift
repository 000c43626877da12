import Digest
import Foundation
import HTTPServer
import MCP

/// `POST /mcp`: the MCP tools over Streamable HTTP on the service's own server, behind its API key and an Origin
/// check.
///
/// MCP 2026-07-28 "Streamable HTTP", Security: a request whose `Origin` is present and not allowed gets 403
/// (DNS rebinding); allowed are the origins in `mcpAllowedOrigins`, the request's own host and loopback
/// origins. With `apiKey` set, requests need `Authorization: Bearer <apiKey>` (401 otherwise), as PUT does.
/// GET and DELETE get 405: this server opens no standalone stream and keeps no session.
struct MCPEndpoint: Sendable {
    let binding: MCPHTTPBinding
    let apiKey: String?
    let allowedOrigins: Set<String>

    init(server: MCPServer, config: ServiceConfig) {
        binding = MCPHTTPBinding(server: server)
        apiKey = config.apiKey
        allowedOrigins = Set(config.mcpAllowedOrigins.map { $0.lowercased() })
    }

    func register(in router: inout Router) {
        router.add("POST", "/mcp") { request, _ in try answer(request) }
        router.add("GET", "/mcp") { _, _ in throw HTTPError.methodNotAllowed(allowed: ["POST"]) }
        router.add("DELETE", "/mcp") { _, _ in throw HTTPError.methodNotAllowed(allowed: ["POST"]) }
    }

    func answer(_ request: HTTPRequest) throws -> HTTPResponse {
        if let origin = request.headers["Origin"], !isAllowed(origin: origin, host: request.headers["Host"]) {
            let body = #"{"error":{"code":-32600,"message":"Forbidden: origin not allowed"},"jsonrpc":"2.0"}"#
            return HTTPResponse(status: 403, contentType: "application/json", body: Array(body.utf8))
        }
        if let apiKey {
            let sent = request.headers["Authorization"] ?? ""
            guard ConstantTime.equals(Array(sent.utf8), Array("Bearer \(apiKey)".utf8)) else {
                throw HTTPError(status: 401, code: "auth.bad_api_key",
                                message: "POST /mcp needs 'Authorization: Bearer <TRACEMAP_API_KEY>'",
                                headers: HTTPHeaders([("WWW-Authenticate", "Bearer")]))
            }
        }
        let reply = binding.handle(body: Data(request.body)) { request.headers[$0] }
        guard let contentType = reply.contentType else { return HTTPResponse(status: reply.status) }
        var response = HTTPResponse(status: reply.status, contentType: contentType, body: Array(reply.body))
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// Whether a browser page at `origin` may call: a configured origin, the server's own, or loopback.
    func isAllowed(origin: String, host: String?) -> Bool {
        let origin = origin.lowercased()
        if allowedOrigins.contains(origin) || allowedOrigins.contains("*") { return true }
        guard let url = URL(string: origin), let originHost = url.host?.lowercased() else { return false }
        if ["localhost", "127.0.0.1", "::1", "[::1]"].contains(originHost) { return true }
        guard let host = host?.lowercased() else { return false }
        let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        return authority == host
    }
}
