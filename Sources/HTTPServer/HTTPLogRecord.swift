/// What the server reports about each answered request: one log line's worth.
public struct HTTPLogRecord: Sendable {
    public var method: String
    /// The decoded path (the query, which may hold a signature, is not included).
    public var path: String
    /// The raw query, for a logger that wants to print it after removing secrets such as `sig`.
    public var query: String
    public var status: Int
    /// Content bytes sent (0 for HEAD and 304).
    public var bytes: Int
    public var milliseconds: Double
    /// The peer address, "127.0.0.1:52344" or "[::1]:52344".
    public var peer: String

    public init(method: String, path: String, query: String, status: Int, bytes: Int, milliseconds: Double,
                peer: String) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.bytes = bytes
        self.milliseconds = milliseconds
        self.peer = peer
    }

    /// "GET /healthz 200 15B 0.4ms", the default line format.
    public var line: String {
        let rounded = (milliseconds * 10).rounded() / 10
        return "\(method) \(path) \(status) \(bytes)B \(rounded)ms"
    }
}

/// Receives one record per answered request; called on connection threads, so it must be thread-safe.
public typealias HTTPLogger = @Sendable (HTTPLogRecord) -> Void
