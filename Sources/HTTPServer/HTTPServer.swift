import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one thread per connection for I/O, a bounded `WorkerPool` for handlers.
///
/// It knows nothing of the application: it decodes requests, runs `handler`, and writes the answer with `Date`,
/// `Content-Length` and `Connection`. Errors the handler throws become RFC 9457 problem documents.
///
/// An optional `fastHandler` runs first, on the connection's own thread: it answers what it can without blocking
/// (a cache hit) and returns nil for everything else, which then goes to the pool. A cache hit so skips the two
/// thread hand-offs of the pool, which cost more than the answer itself.
///
/// A handler may answer with a stream (`HTTPResponse.stream(…)`): the worker returns at once and the connection's
/// thread sends the source's chunks as they come, under `limits.maxStreams`, until the source ends, the client
/// leaves or `shutdown` closes it (shutdown never waits for a stream to end by itself).
/// ```swift
/// let server = HTTPServer(host: "127.0.0.1", port: 8080) { request in .text("hello\n") }
/// try server.start()
/// _ = ShutdownSignal.wait()
/// server.shutdown(deadline: 10)
/// ```
public final class HTTPServer: @unchecked Sendable {
    // @unchecked Sendable: the immutable configuration is set in init; `listener` and `acceptThread` are written
    // only in start()/shutdown() (called from one owning thread); shared mutable state lives in Atomics and Mutexes.

    /// Handles one request. It runs on a worker thread, so it may block (renders are CPU-bound C calls).
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse
    /// Answers one request at once on the connection thread, or returns nil to queue it for `Handler`. It must not
    /// block or do lasting CPU work (it runs outside the pool's bound): a lookup, a hash, a comparison.
    public typealias FastHandler = @Sendable (HTTPRequest) -> HTTPResponse?

    public let host: String
    public let requestedPort: Int
    public let limits: ServerLimits
    public let stats = ServerStats()
    let handler: Handler
    let fastHandler: FastHandler?
    let logger: HTTPLogger?
    let pool: WorkerPool

    private var listener: Socket?
    private let acceptFinished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let shutDown = Atomic<Bool>(false)
    /// Read end: becomes readable (and stays so) once shutdown starts; every poll includes it.
    let wakeDescriptor: Int32
    private let wakeWriteDescriptor: Int32
    private let connections = Mutex<[ObjectIdentifier: Socket]>([:])
    /// The sources of the streamed responses being sent now, closed by `shutdown`; at most `limits.maxStreams`.
    private let streams = Mutex<[ObjectIdentifier: any HTTPStreamSource]>([:])

    public init(host: String = "127.0.0.1", port: Int = 8080, limits: ServerLimits = ServerLimits(),
                logger: HTTPLogger? = nil, fastHandler: FastHandler? = nil, handler: @escaping Handler) {
        self.host = host
        self.requestedPort = port
        self.limits = limits
        self.logger = logger
        self.fastHandler = fastHandler
        self.handler = handler
        pool = WorkerPool(workerCount: limits.workerCount, queueDepth: limits.queueDepth)
        var ends: [Int32] = [-1, -1]
        let status = pipe(&ends)
        precondition(status == 0, "pipe failed with errno \(errno)")
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        wakeDescriptor = ends[0]
        wakeWriteDescriptor = ends[1]
    }

    deinit {
        Glibc.close(wakeDescriptor)
        Glibc.close(wakeWriteDescriptor)
    }

    /// The port actually bound (differs from the requested one when that was 0).
    public private(set) var port = 0

    /// Whether `shutdown` has begun: connections finish their request and close.
    public var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Binds, listens and starts accepting on a background thread.
    public func start() throws(SocketError) {
        precondition(listener == nil, "start() called twice")
        signal(SIGPIPE, SIG_IGN)  // sends use MSG_NOSIGNAL; this covers any other write to a closed peer
        let socket = try Socket.listen(host: host, port: requestedPort)
        listener = socket
        port = socket.localPort
        let thread = Thread { [self] in acceptLoop(socket) }
        thread.name = "http-accept"
        thread.start()
    }

    /// Stops accepting, lets requests in flight finish, closes idle keep-alive connections, and waits at most
    /// `deadline` seconds for all of that; then forces the rest closed. Returns whether everything finished in time.
    @discardableResult
    public func shutdown(deadline: Double) -> Bool {
        guard !shutDown.exchange(true, ordering: .acquiringAndReleasing) else { return true }
        stopping.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(wakeWriteDescriptor, &byte, 1)
        if listener != nil { acceptFinished.wait() }
        listener = nil
        // Streams never end by themselves: close them now so their connections finish with the others.
        for source in streams.withLock({ Array($0.values) }) { source.close() }
        let end = Clock.now + deadline
        while stats.openConnections > 0 && Clock.now < end { usleep(5_000) }
        let graceful = stats.openConnections == 0
        if !graceful {
            connections.withLock { for socket in $0.values { socket.shutdown() } }
            let forcedEnd = Clock.now + 1
            while stats.openConnections > 0 && Clock.now < forcedEnd { usleep(5_000) }
        }
        // A handler that never returns would block the pool's shutdown forever; leave its threads to the exit.
        if graceful { pool.shutdown() }
        return graceful
    }

    private func acceptLoop(_ listener: Socket) {
        defer { acceptFinished.signal() }
        while !isStopping {
            guard Poll.read(listener.descriptor, wake: wakeDescriptor, timeout: 3600) == .readable, !isStopping else {
                continue
            }
            let accepted: (Socket, String)?
            do { accepted = try listener.accept() } catch {
                usleep(10_000)  // an unexpected accept failure: do not spin
                continue
            }
            guard let (socket, peer) = accepted else { continue }
            if stats.openConnections >= limits.maxConnections {
                stats.connectionRefused()
                refuse(socket)
                continue
            }
            stats.connectionOpened()
            connections.withLock { $0[ObjectIdentifier(socket)] = socket }
            let connection = HTTPConnection(socket: socket, peer: peer, server: self)
            let thread = Thread { connection.run() }
            thread.stackSize = 512 * 1024
            thread.name = "http-connection"
            thread.start()
        }
    }

    /// Answers 503 to a connection over `maxConnections` without reading its request, then closes it.
    private func refuse(_ socket: Socket) {
        let response = HTTPError.overloaded(retryAfterSeconds: limits.retryAfterSeconds).response
        let head = ResponseEncoder.head(response, close: true, version: .http11, date: Array(HTTPDate.now().utf8))
        try? socket.sendAll(head, response.body, timeout: 0.1)
        socket.shutdownWrite()
    }

    /// Streamed responses being sent now.
    public var openStreams: Int { streams.withLock { $0.count } }

    /// Registers a stream about to start; false when `maxStreams` are open or shutdown has begun.
    func streamOpened(_ source: any HTTPStreamSource) -> Bool {
        streams.withLock {
            // Checked under the lock that shutdown's sweep takes, so no stream starts after the sweep.
            guard !isStopping, $0.count < limits.maxStreams else { return false }
            $0[ObjectIdentifier(source)] = source
            stats.streamOpened()
            return true
        }
    }

    /// Forgets a stream that ended.
    func streamClosed(_ source: any HTTPStreamSource) {
        if streams.withLock({ $0.removeValue(forKey: ObjectIdentifier(source)) }) != nil { stats.streamClosed() }
    }

    /// Called by a connection's thread as its last act.
    func connectionEnded(_ socket: Socket) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(socket)) }
        stats.connectionClosed()
    }

    /// The fast handler's answer if it has one; else runs the handler on the worker pool and waits for it; 503 when
    /// the pool's queue is full.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        if let fastHandler, let response = fastHandler(request) {
            stats.answeredFast()
            return response
        }
        let slot = ResponseSlot()
        let handler = self.handler
        let queued = pool.trySubmit {
            let response: HTTPResponse
            do { response = try handler(request) } catch { response = HTTPError.from(error).response }
            slot.fill(response)
        }
        guard queued else {
            stats.requestOverloaded()
            return HTTPError.overloaded(retryAfterSeconds: limits.retryAfterSeconds).response
        }
        return slot.wait()
    }
}

/// Hands one response from a worker thread to the waiting connection thread.
private final class ResponseSlot: @unchecked Sendable {
    // @unchecked Sendable: `response` is written once before `ready.signal()` and read only after `ready.wait()`,
    // and the semaphore orders the two.
    private var response: HTTPResponse?
    private let ready = DispatchSemaphore(value: 0)

    func fill(_ response: HTTPResponse) {
        self.response = response
        ready.signal()
    }

    func wait() -> HTTPResponse {
        ready.wait()
        return response!
    }
}
