import Foundation
import Glibc

/// Serves an `MCPServer` over newline-delimited JSON-RPC on two file descriptors (stdin and stdout).
///
/// MCP 2026-07-28 "Transports", stdio: one message per line, nothing but MCP messages on stdout, logs on stderr,
/// and the server exits when its input closes. A line longer than `MCPLimits.maxMessageBytes` is skipped to its
/// end and answered with an error; messages are answered one at a time, in order.
public struct MCPStdioTransport: Sendable {
    let server: MCPServer
    let input: Int32
    let output: Int32
    let log: @Sendable (String) -> Void

    public init(server: MCPServer, input: Int32 = 0, output: Int32 = 1,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    {
        self.server = server
        self.input = input
        self.output = output
        self.log = log
    }

    /// Reads and answers messages until the input ends (or the output is closed).
    /// - Returns: how many messages were read.
    @discardableResult
    public func run() -> Int {
        signal(SIGPIPE, SIG_IGN)  // a client that closed our stdout gets EPIPE, not a dead server
        var session = MCPSession()
        var pending = [UInt8]()
        var skipping = false  // inside a line that is over the limit
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var count = 0
        let limit = server.limits.maxMessageBytes
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 0x0A {
                if skipping {
                    skipping = false
                } else {
                    pending.append(contentsOf: buffer[start..<i])
                    count += 1
                    if !answer(pending, &session) { return count }
                }
                pending.removeAll(keepingCapacity: true)
                start = i + 1
            }
            if !skipping {
                pending.append(contentsOf: buffer[start..<n])
                if pending.count > limit {
                    skipping = true
                    pending.removeAll(keepingCapacity: false)
                    count += 1
                    let error = #"{"error":{"code":-32600,"message":"Invalid Request: message over \#(limit) bytes"},"id":null,"jsonrpc":"2.0"}"#
                    log("mcp: a message over \(limit) bytes was skipped")
                    if !write(Data(error.utf8)) { return count }
                }
            }
        }
        // A last message without its newline is still a message.
        if !skipping, pending.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) {
            count += 1
            _ = answer(pending, &session)
        }
        return count
    }

    /// Answers one line; false when the output is gone.
    private func answer(_ line: [UInt8], _ session: inout MCPSession) -> Bool {
        var bytes = line[...]
        while let last = bytes.last, last == 0x0D || last == 0x20 || last == 0x09 { bytes.removeLast() }
        if bytes.isEmpty { return true }  // blank lines between messages are tolerated
        let started = DispatchTime.now().uptimeNanoseconds
        let (reply, kind) = server.handle(Data(bytes), session: &session)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        log(String(format: "mcp: %@ %.1f ms", Self.describe(kind), ms))
        guard let reply else { return true }
        return write(reply)
    }

    private func write(_ message: Data) -> Bool {
        var bytes = [UInt8](message)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func describe(_ kind: MCPServer.Kind) -> String {
        switch kind {
        case .result(let method): return "\(method) ok"
        case .error(let method, let code): return "\(method ?? "-") error \(code)"
        case .silent(let method): return "\(method ?? "response") (no reply)"
        }
    }
}
