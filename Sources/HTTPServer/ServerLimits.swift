import Glibc

/// Every limit the server enforces, as named settings with defaults.
///
/// | setting | default | when exceeded |
/// |---|---|---|
/// | `maxRequestLineBytes` | 8 KiB | 414 `http.uri_too_long` |
/// | `maxHeaderBytes` | 64 KiB | 431 `http.header_too_large` |
/// | `maxHeaderCount` | 100 | 431 `http.header_too_large` |
/// | `maxBodyBytes` | 8 MiB | 413 `http.body_too_large`, sent as soon as `Content-Length` is read |
/// | `readTimeout` | 30 s | a started request not complete in time: 408 `http.timeout`, then close |
/// | `idleTimeout` | 60 s | a keep-alive connection idle this long is closed |
/// | `writeTimeout` | 30 s | a client that does not read its response is dropped |
/// | `maxConnections` | 1024 | further connections get 503 `http.overloaded` and are closed |
/// | `workerCount` | cores | handlers run on this many threads |
/// | `queueDepth` | 256 | requests waiting for a worker beyond this get 503 with `Retry-After` |
/// | `maxStreams` | 256 | streamed responses (event streams) open at once; one more gets 503 `http.overloaded` |
/// | `streamHeartbeatInterval` | 15 s | a stream idle this long gets its heartbeat chunk |
public struct ServerLimits: Sendable, Equatable {
    public var maxRequestLineBytes = 8 * 1024
    public var maxHeaderBytes = 64 * 1024
    public var maxHeaderCount = 100
    public var maxBodyBytes = 8 * 1024 * 1024
    /// Longest chunk-size line (with extensions) of a chunked body (RFC 9112 §7.1.1).
    public var maxChunkLineBytes = 1024
    /// Seconds a client has to send one complete request once its first byte arrived (defeats slowloris).
    public var readTimeout: Double = 30
    /// Seconds a keep-alive connection may sit between requests.
    public var idleTimeout: Double = 60
    /// Seconds a send may block on a client that does not read.
    public var writeTimeout: Double = 30
    /// Seconds to keep reading (and discarding) after an error response before closing, so the client sees the
    /// response instead of a reset (RFC 9112 §9.6).
    public var lingerTimeout: Double = 2
    public var maxConnections = 1024
    public var workerCount = ServerLimits.processorCount
    public var queueDepth = 256
    /// Streamed responses open at once. Each holds its connection's thread (never a worker), so this stays well
    /// under `maxConnections` to leave threads for ordinary requests.
    public var maxStreams = 256
    /// Seconds without a chunk after which a stream sends its heartbeat (keeps proxies from timing it out).
    public var streamHeartbeatInterval: Double = 15
    /// The `Retry-After` seconds sent with 503.
    public var retryAfterSeconds = 1

    public init() {}

    public static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
