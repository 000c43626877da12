/// The MCP endpoint's limits, with defaults; tool arguments pass TraceMap's own limits gate besides.
public struct MCPLimits: Sendable {
    /// The largest message (one stdio line, one HTTP body) read, in bytes.
    public var maxMessageBytes = 8 << 20
    /// How long a client may cache `tools/list` and `server/discover` (`ttlMs`, MCP 2026-07-28 "Caching").
    public var listTTLMilliseconds = 300_000

    public init() {}
}
