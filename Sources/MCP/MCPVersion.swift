/// The protocol revisions this server speaks, and which era each belongs to.
///
/// MCP 2026-07-28 "Versioning and Compatibility": modern revisions carry the version in every request's `_meta`
/// (`io.modelcontextprotocol/protocolVersion`) and have no handshake; legacy revisions (2025-11-25 and earlier)
/// negotiate one in `initialize`. A dual-era server, as this one is, serves both.
public enum MCPVersion {
    /// Modern (stateless) revisions, newest first.
    public static let modern = ["2026-07-28"]
    /// Legacy (handshake) revisions, newest first: `initialize` with any other version gets the newest of these
    /// (2025-11-25 "Lifecycle", Version Negotiation).
    public static let legacy = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    /// Every revision, as `server/discover` and `UnsupportedProtocolVersionError` list them.
    public static var all: [String] { modern + legacy }
}
