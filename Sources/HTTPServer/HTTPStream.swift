/// What a stream source hands the connection thread next.
public enum HTTPStreamItem: Sendable, Equatable {
    /// Bytes to send now, as one chunk.
    case chunk([UInt8])
    /// Nothing arrived within the timeout; the connection may send a heartbeat.
    case idle
    /// The source is done (or was closed): the connection ends the stream.
    case end
}

/// A source of byte chunks for a long-lived response body, pulled by the connection's own thread.
///
/// The transport knows nothing of what the chunks mean: it sends each one as it comes, sends the stream's
/// heartbeat when the source stays idle, and ends on `.end`, on a failed write (the client left) or on shutdown.
/// `HTTPStreamChannel` is a ready-made source that other threads push into.
public protocol HTTPStreamSource: AnyObject, Sendable {
    /// Blocks for at most `timeout` seconds until the next chunk; `.idle` when none came, `.end` once closed.
    func next(timeout: Double) -> HTTPStreamItem
    /// Makes a waiting and every later `next` return `.end`. Called from any thread, possibly more than once.
    func close()
}

/// The body of a streamed response: its source and the heartbeat sent when the source is idle.
///
/// ```swift
/// let channel = HTTPStreamChannel()
/// channel.send(Array("data: hello\n\n".utf8))
/// return .stream(contentType: "text/event-stream", source: channel, heartbeat: Array(": keep-alive\n\n".utf8))
/// ```
public struct HTTPStreamBody: Sendable, Equatable {
    public let source: any HTTPStreamSource
    /// Sent after `ServerLimits.streamHeartbeatInterval` seconds without a chunk (empty: none).
    public let heartbeat: [UInt8]

    public init(source: any HTTPStreamSource, heartbeat: [UInt8] = []) {
        self.source = source
        self.heartbeat = heartbeat
    }

    public static func == (lhs: HTTPStreamBody, rhs: HTTPStreamBody) -> Bool {
        lhs.source === rhs.source && lhs.heartbeat == rhs.heartbeat
    }
}

extension HTTPResponse {
    /// A `200` whose body is the chunks of `source`, sent as they come (chunked on HTTP/1.1; delimited by the
    /// close on HTTP/1.0). The connection closes when the stream ends.
    public static func stream(status: Int = 200, contentType: String, headers: HTTPHeaders = HTTPHeaders(),
                              source: any HTTPStreamSource, heartbeat: [UInt8] = []) -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: headers)
        response.headers.set("Content-Type", contentType)
        response.stream = HTTPStreamBody(source: source, heartbeat: heartbeat)
        return response
    }
}
