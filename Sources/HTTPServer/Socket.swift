import Glibc

/// Owns one socket file descriptor: closes it on deinit; every failing call throws `SocketError`.
final class Socket: @unchecked Sendable {
    // @unchecked Sendable: `descriptor` is immutable; the only cross-thread calls are `shutdown` (to wake a blocked
    // owner), which the kernel allows concurrently with reads and writes, and `close` happens in deinit only.
    let descriptor: Int32

    init(descriptor: Int32) {
        precondition(descriptor >= 0, "socket descriptor must be valid")
        self.descriptor = descriptor
    }

    deinit { Glibc.close(descriptor) }

    /// A listening TCP socket bound to a numeric IPv4 or IPv6 address (or a name that resolves to one).
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SocketError("getaddrinfo", "\(host):\(port) (\(String(cString: gai_strerror(status))))", errno: EINVAL)
        }
        defer { freeaddrinfo(list) }
        let fd = Glibc.socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket", host) }
        let socket = Socket(descriptor: fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw SocketError("bind", "\(host):\(port)")
        }
        guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen", "\(host):\(port)") }
        return socket
    }

    /// The local port (useful after binding port 0).
    var localPort: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Self.address(of: storage).1
    }

    /// Accepts one connection; nil when none is pending (EAGAIN) or the call was interrupted.
    func accept() throws(SocketError) -> (Socket, String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(descriptor, $0, &length)
            }
        }
        guard fd >= 0 else {
            // ECONNABORTED, EMFILE and friends are per-connection or transient; the accept loop continues.
            if [EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO, EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(errno) {
                return nil
            }
            throw SocketError("accept", "listening socket")
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let (host, port) = Self.address(of: storage)
        return (Socket(descriptor: fd), host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    /// Reads what is available into `buffer`: the count, 0 at end of stream, or nil on EAGAIN/EINTR.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int? {
        let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
        if count >= 0 { return count }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return nil }
        throw SocketError("recv", "connection")
    }

    /// Sends `head` then `body`, every byte, with one `sendmsg` per attempt (so a response is one segment train,
    /// not a head packet and a body packet, and the body is not copied), waiting for the peer to read for at most
    /// `timeout` seconds in total.
    func sendAll(_ head: [UInt8], _ body: [UInt8], timeout: Double) throws(SocketError) {
        let result: Result<Void, SocketError> = head.withUnsafeBytes { head in
            body.withUnsafeBytes { body in
                do throws(SocketError) {
                    try sendAll(head, body, timeout: timeout)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        }
        try result.get()
    }

    /// Sends every byte of `first` then `second` (either may be empty).
    func sendAll(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
                 timeout: Double) throws(SocketError) {
        var offset = 0
        let total = first.count + second.count
        let deadline = Clock.now + timeout
        while offset < total {
            var parts = (iovec(), iovec())
            var count = 0
            withUnsafeMutableBytes(of: &parts) { raw in
                let vectors = raw.bindMemory(to: iovec.self)
                if offset < first.count, let base = first.baseAddress {
                    vectors[count] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base + offset),
                                           iov_len: first.count - offset)
                    count += 1
                }
                let secondOffset = max(0, offset - first.count)
                if secondOffset < second.count, let base = second.baseAddress {
                    vectors[count] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base + secondOffset),
                                           iov_len: second.count - secondOffset)
                    count += 1
                }
            }
            let sent = withUnsafeMutablePointer(to: &parts) { pointer in
                pointer.withMemoryRebound(to: iovec.self, capacity: 2) { vectors in
                    var message = msghdr()
                    message.msg_iov = vectors
                    message.msg_iovlen = count
                    return sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
            }
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { throw SocketError("send", "connection") }
            let remaining = deadline - Clock.now
            guard remaining > 0 else { throw SocketError("send", "connection (write timeout)", errno: ETIMEDOUT) }
            var pfd = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&pfd, 1, Int32(min(remaining, 1) * 1000) + 1)
        }
    }

    /// Sends every byte, waiting for the peer to read for at most `timeout` seconds in total.
    func sendAll(_ bytes: [UInt8], timeout: Double) throws(SocketError) {
        try sendAll(bytes, [], timeout: timeout)
    }

    /// Stops both directions (wakes a thread blocked in poll on this socket) without releasing the descriptor.
    func shutdown() { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }

    /// Stops sending: the peer reads end of stream after our last response (RFC 9112 §9.6's half close).
    func shutdownWrite() { Glibc.shutdown(descriptor, Int32(SHUT_WR)) }

    static func address(of storage: sockaddr_storage) -> (String, Int) {
        var storage = storage
        let family = Int32(storage.ss_family)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    return (string(text), Int(UInt16(bigEndian: address.pointee.sin6_port)))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return (string(text), Int(UInt16(bigEndian: address.pointee.sin_port)))
            }
        }
    }
}

/// The text of a NUL-terminated C buffer.
func string(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Monotonic seconds, for deadlines.
enum Clock {
    static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// Waits until `descriptor` is readable, `wake` is readable (the server is stopping), or `timeout` passes.
enum Poll {
    enum Outcome { case readable, woken, timedOut }

    static func read(_ descriptor: Int32, wake: Int32, timeout: Double) -> Outcome {
        // A tuple on the stack, not an array: this runs once per request on every connection.
        var fds = (pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
        let milliseconds = Int32(max(0, min(timeout, 3600)) * 1000)
        while true {
            let ready = withUnsafeMutablePointer(to: &fds) { pointer in
                pointer.withMemoryRebound(to: pollfd.self, capacity: 2) { poll($0, 2, milliseconds) }
            }
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return .timedOut }
            // Data (or end of stream, POLLHUP/POLLERR) first: a request already arriving is still served.
            if fds.0.revents != 0 { return .readable }
            return .woken
        }
    }
}
