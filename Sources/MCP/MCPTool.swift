import Foundation

/// One tool as `tools/list` describes it: name, title, description and JSON Schemas (2020-12) of its input and
/// of its `structuredContent` (MCP 2026-07-28 "Tools", Tool).
public struct MCPTool: Sendable {
    public let name: String
    public let title: String
    /// Written for a model: what the tool does and when to use it.
    public let description: String
    /// The input schema's JSON bytes.
    public let inputSchema: Data
    /// The output schema's JSON bytes; `structuredContent` of every successful call conforms to it.
    public let outputSchema: Data
    /// Whether the tool only reads (the `readOnlyHint` annotation).
    public let readOnly: Bool

    /// - Precondition: both schemas are JSON objects (they are written in code, not read from input).
    public init(name: String, title: String, description: String, inputSchema: [String: Any],
                outputSchema: [String: Any], readOnly: Bool = true)
    {
        precondition(JSONSerialization.isValidJSONObject(inputSchema) && JSONSerialization.isValidJSONObject(outputSchema),
                     "tool schemas must be JSON objects")
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = try! JSONSerialization.data(withJSONObject: inputSchema, options: [.sortedKeys])
        self.outputSchema = try! JSONSerialization.data(withJSONObject: outputSchema, options: [.sortedKeys])
        self.readOnly = readOnly
    }

    /// The `Tool` object of `tools/list`.
    var listing: [String: Any] {
        [
            "name": name, "title": title, "description": description,
            "inputSchema": (try? JSONSerialization.jsonObject(with: inputSchema)) ?? [:],
            "outputSchema": (try? JSONSerialization.jsonObject(with: outputSchema)) ?? [:],
            "annotations": ["readOnlyHint": readOnly, "openWorldHint": false],
        ]
    }
}

/// What a tool call produced: content blocks for the model and, on success, the structured result.
public struct MCPToolResult {
    /// One content block (MCP "Tools", Tool Result).
    public enum Content {
        case text(String)
        /// Image bytes with their media type; sent base64-encoded.
        case image(Data, mimeType: String)
    }

    public var content: [Content]
    /// The structured result (a JSON object), conforming to the tool's output schema; nil on errors.
    public var structured: [String: Any]?
    /// An execution error (bad trace, size too large): the model sees it and can correct itself.
    public var isError: Bool

    public init(content: [Content], structured: [String: Any]?, isError: Bool = false) {
        self.content = content
        self.structured = structured
        self.isError = isError
    }

    /// An execution error carrying TraceMap's stable code (`trace.bad_time`, `render.size_too_large`).
    public static func failure(code: String, message: String) -> MCPToolResult {
        let body: [String: Any] = ["error": ["code": code, "message": message]]
        let text = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? message
        return MCPToolResult(content: [.text(text)], structured: nil, isError: true)
    }
}

/// A tool's argument was missing, of the wrong type or out of range: answered as JSON-RPC `-32602` with a
/// message that names the argument (MCP "Tools", Error Handling: protocol errors).
public struct MCPArgumentError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The tools a server offers, and how to call them.
public protocol MCPToolbox: Sendable {
    /// Every tool, in a fixed order (MCP 2026-07-28: deterministic `tools/list` order helps client caches).
    var tools: [MCPTool] { get }
    /// Calls the tool named `name` (one of `tools`).
    /// - Throws: `MCPArgumentError` for bad arguments; any other failure is returned as `isError` result.
    func call(_ name: String, arguments: [String: Any]) throws -> MCPToolResult
}
