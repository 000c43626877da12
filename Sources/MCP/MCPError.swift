/// A JSON-RPC error answer: its code, message and optional data.
///
/// Codes are JSON-RPC 2.0's (`-32700`, `-32600`…`-32603`) and those MCP 2026-07-28 defines in its reserved range
/// ("Base Protocol", Error Codes): no other code of `-32020`…`-32099` is ever sent.
public struct MCPError: Error, Sendable, Equatable {
    public let code: Int
    public let message: String
    /// Extra detail as JSON bytes (the `data` member), when any.
    public let data: [String: [String]]?

    public init(code: Int, message: String, data: [String: [String]]? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The bytes were not JSON.
    public static let parseError = -32700
    /// The JSON was not a valid request (a batch, no `jsonrpc: "2.0"`, a null or fractional id).
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    /// Bad or missing parameters: a missing `_meta` field, an unknown tool, a tool argument out of range.
    public static let invalidParams = -32602
    public static let internalError = -32603
    /// `UnsupportedProtocolVersionError` (MCP 2026-07-28 "Versioning and Compatibility").
    public static let unsupportedProtocolVersion = -32022
    /// `HeaderMismatchError`: an HTTP `Mcp-Method`/`Mcp-Name` header disagrees with the body (Streamable HTTP).
    public static let headerMismatch = -32020

    static func invalidParams(_ message: String) -> MCPError { MCPError(code: invalidParams, message: message) }
}
