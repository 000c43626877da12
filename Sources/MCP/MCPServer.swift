import Foundation

/// Answers MCP JSON-RPC messages for a toolbox, in both protocol eras; it knows no transport and no maps.
///
/// A request whose `params._meta` carries `io.modelcontextprotocol/protocolVersion` is served statelessly by the
/// 2026-07-28 rules; an `initialize` request opens a legacy session (2025-11-25 and earlier) scoped to the
/// `MCPSession` the transport passes in: the stdio process, or one HTTP request that names its version in the
/// `MCP-Protocol-Version` header (MCP 2026-07-28 "Versioning and Compatibility", Backward Compatibility).
/// ```swift
/// let server = MCPServer(info: .init(name: "tracemap", version: "1.0"), toolbox: tools)
/// var session = MCPSession()
/// if let reply = server.handle(line, session: &session) { write(reply) }
/// ```
public final class MCPServer: Sendable {
    /// The server's identity and its guidance for models.
    public struct Info: Sendable {
        public let name: String
        public let version: String
        public let instructions: String?

        public init(name: String, version: String, instructions: String? = nil) {
            self.name = name
            self.version = version
            self.instructions = instructions
        }
    }

    public let info: Info
    public let toolbox: any MCPToolbox
    public let limits: MCPLimits
    private let toolsByName: [String: MCPTool]

    public init(info: Info, toolbox: any MCPToolbox, limits: MCPLimits = MCPLimits()) {
        self.info = info
        self.toolbox = toolbox
        self.limits = limits
        toolsByName = Dictionary(toolbox.tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static let versionKey = "io.modelcontextprotocol/protocolVersion"
    static let capabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    static let serverInfoKey = "io.modelcontextprotocol/serverInfo"

    /// What one message was, for the transport's log and HTTP status.
    public enum Kind: Sendable, Equatable {
        /// A request that got a result.
        case result(method: String)
        /// A request or malformed message that got an error.
        case error(method: String?, code: Int)
        /// A notification or a response from the client: nothing is sent back.
        case silent(method: String?)
    }

    /// Answers one message (one line of stdio, one HTTP body).
    /// - Returns: the reply's JSON bytes (no newline inside), or nil for notifications and client responses;
    ///   and what the message was.
    public func handle(_ data: Data, session: inout MCPSession) -> (reply: Data?, kind: Kind) {
        if data.count > limits.maxMessageBytes {
            return reply(nil, error: MCPError(code: MCPError.invalidRequest,
                                              message: "message too large: \(data.count) bytes (limit \(limits.maxMessageBytes))"))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return reply(nil, error: MCPError(code: MCPError.parseError, message: "Parse error: the message is not JSON"))
        }
        if json is [Any] {
            // JSON-RPC batches were removed in 2025-06-18 and are not part of any revision served here.
            return reply(nil, error: MCPError(code: MCPError.invalidRequest, message: "Invalid Request: batches are not supported"))
        }
        guard let message = json as? [String: Any], message["jsonrpc"] as? String == "2.0" else {
            return reply(nil, error: MCPError(code: MCPError.invalidRequest,
                                              message: "Invalid Request: not a JSON-RPC 2.0 object"))
        }
        guard let method = message["method"] as? String else {
            if message["result"] != nil || message["error"] != nil { return (nil, .silent(method: nil)) }
            return reply(validID(message["id"]), error: MCPError(code: MCPError.invalidRequest,
                                                                 message: "Invalid Request: no method"))
        }
        guard let rawID = message["id"] else {
            notify(method, message["params"] as? [String: Any], session: &session)
            return (nil, .silent(method: method))
        }
        // MCP "Base Protocol", Requests: the id is a string or an integer, never null.
        guard let id = validID(rawID) else {
            return reply(nil, method: method, error: MCPError(code: MCPError.invalidRequest,
                                                              message: "Invalid Request: the id must be a string or an integer"))
        }
        let params: [String: Any]
        switch message["params"] {
        case nil, is NSNull: params = [:]
        case let object as [String: Any]: params = object
        default: return reply(id, method: method, error: .invalidParams("params must be an object"))
        }
        do {
            let result = try answer(method, params, session: &session)
            return (encode(["jsonrpc": "2.0", "id": id, "result": result]), .result(method: method))
        } catch let error as MCPError {
            return reply(id, method: method, error: error)
        } catch {
            return reply(id, method: method, error: MCPError(code: MCPError.internalError, message: "Internal error"))
        }
    }

    // MARK: Eras

    private func answer(_ method: String, _ params: [String: Any], session: inout MCPSession) throws -> [String: Any] {
        let meta = params["_meta"] as? [String: Any]
        if let version = meta?[Self.versionKey] {
            guard let version = version as? String, MCPVersion.modern.contains(version) else {
                throw MCPError(code: MCPError.unsupportedProtocolVersion, message: "Unsupported protocol version",
                               data: ["supported": MCPVersion.all, "requested": [String(describing: version)]])
            }
            // "Base Protocol", Per-request protocol fields: clientCapabilities is required on every request.
            guard meta?[Self.capabilitiesKey] is [String: Any] else {
                throw MCPError.invalidParams("missing _meta \"\(Self.capabilitiesKey)\" (an object)")
            }
            var result = try modern(method, params)
            result["resultType"] = "complete"
            var resultMeta = result["_meta"] as? [String: Any] ?? [:]
            resultMeta[Self.serverInfoKey] = ["name": info.name, "version": info.version]
            result["_meta"] = resultMeta
            return result
        }
        if method == "initialize" { return try initialize(params, session: &session) }
        if method == "ping" { return [:] }  // legacy "Ping": allowed before and after initialization
        guard session.legacyVersion != nil else {
            if method == "server/discover" { return try answer(method, withDefaultMeta(params), session: &session) }
            throw MCPError.invalidParams(
                "missing _meta \"\(Self.versionKey)\": send it on every request (MCP 2026-07-28), or initialize first")
        }
        return try legacy(method, params)
    }

    /// A `server/discover` probe without `_meta` is answered as if it named the newest revision: the answer lists
    /// every version, which is what a probing client needs.
    private func withDefaultMeta(_ params: [String: Any]) -> [String: Any] {
        var params = params
        params["_meta"] = [Self.versionKey: MCPVersion.modern[0], Self.capabilitiesKey: [String: Any]()]
        return params
    }

    /// Legacy "Lifecycle": the server answers with the requested version when it supports it, else its newest.
    private func initialize(_ params: [String: Any], session: inout MCPSession) throws -> [String: Any] {
        guard let requested = params["protocolVersion"] as? String else {
            throw MCPError.invalidParams("initialize: protocolVersion must be a string")
        }
        let version = MCPVersion.legacy.contains(requested) ? requested : MCPVersion.legacy[0]
        session.legacyVersion = version
        var result: [String: Any] = [
            "protocolVersion": version,
            "capabilities": ["tools": ["listChanged": false]],
            "serverInfo": ["name": info.name, "version": info.version],
        ]
        if let instructions = info.instructions { result["instructions"] = instructions }
        return result
    }

    private func modern(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        switch method {
        case "server/discover":
            var result: [String: Any] = [
                "supportedVersions": MCPVersion.all, "capabilities": ["tools": [String: Any]()],
                "ttlMs": limits.listTTLMilliseconds, "cacheScope": "public",
            ]
            if let instructions = info.instructions { result["instructions"] = instructions }
            return result
        case "tools/list":
            // 2026-07-28 "Caching": list results carry ttlMs and cacheScope.
            return ["tools": toolbox.tools.map(\.listing), "ttlMs": limits.listTTLMilliseconds, "cacheScope": "public"]
        case "tools/call": return try call(params)
        default: throw MCPError(code: MCPError.methodNotFound, message: "Method not found: \(method)")
        }
    }

    private func legacy(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        switch method {
        case "tools/list": return ["tools": toolbox.tools.map(\.listing)]
        case "tools/call": return try call(params)
        default: throw MCPError(code: MCPError.methodNotFound, message: "Method not found: \(method)")
        }
    }

    private func notify(_ method: String, _ params: [String: Any]?, session: inout MCPSession) {
        // notifications/initialized ends the legacy handshake; notifications/cancelled names a request this
        // server has already answered (it handles one message at a time). Unknown notifications are ignored
        // ("Base Protocol", Notifications: the receiver sends no response).
        if method == "notifications/initialized" { session.initialized = true }
    }

    // MARK: Tools

    private func call(_ params: [String: Any]) throws -> [String: Any] {
        guard let name = params["name"] as? String else { throw MCPError.invalidParams("tools/call: name must be a string") }
        guard toolsByName[name] != nil else { throw MCPError.invalidParams("Unknown tool: \(name)") }
        let arguments: [String: Any]
        switch params["arguments"] {
        case nil, is NSNull: arguments = [:]
        case let object as [String: Any]: arguments = object
        default: throw MCPError.invalidParams("Invalid arguments for tool \(name): arguments must be an object")
        }
        let outcome: MCPToolResult
        do {
            outcome = try toolbox.call(name, arguments: arguments)
        } catch let error as MCPArgumentError {
            throw MCPError.invalidParams("Invalid arguments for tool \(name): \(error.message)")
        }
        var result: [String: Any] = [
            "content": outcome.content.map { block -> [String: Any] in
                switch block {
                case .text(let text): return ["type": "text", "text": text]
                case .image(let data, let mimeType):
                    return ["type": "image", "data": data.base64EncodedString(), "mimeType": mimeType]
                }
            },
            "isError": outcome.isError,
        ]
        if let structured = outcome.structured { result["structuredContent"] = structured }
        return result
    }

    // MARK: Encoding

    private func validID(_ raw: Any?) -> Any? {
        switch raw {
        case let s as String: return s
        case let n as NSNumber:
            // JSONSerialization reads true/false as NSNumber too (type code "c"): a boolean is no id, nor is 1.5.
            if String(cString: n.objCType) == "c" { return nil }
            let d = n.doubleValue
            guard d.rounded() == d, abs(d) < 9.0e15 else { return nil }
            return n.int64Value
        default: return nil
        }
    }

    private func reply(_ id: Any?, method: String? = nil, error: MCPError) -> (reply: Data?, kind: Kind) {
        var body: [String: Any] = ["code": error.code, "message": error.message]
        if let data = error.data {
            var object: [String: Any] = [:]
            for (key, values) in data { object[key] = key == "requested" ? values.first as Any : values }
            body["data"] = object
        }
        let message: [String: Any] = ["jsonrpc": "2.0", "id": id ?? NSNull(), "error": body]
        return (encode(message), .error(method: method, code: error.code))
    }

    private func encode(_ object: [String: Any]) -> Data {
        // One line: JSONSerialization never writes a raw newline without .prettyPrinted (strings are escaped).
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error"}}"#.utf8)
    }
}

/// The legacy-era state of one stdio process or one HTTP request: the version `initialize` negotiated.
public struct MCPSession: Sendable {
    public var legacyVersion: String?
    public var initialized = false

    public init(legacyVersion: String? = nil) { self.legacyVersion = legacyVersion }
}
