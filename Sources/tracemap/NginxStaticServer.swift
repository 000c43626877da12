import Foundation
import Glibc

/// nginx (from Debian) serving one directory on a loopback port, as the reference for `bench serve`.
///
/// It runs as a child process with its own temporary prefix, pid file and config, so it needs no root and touches
/// nothing of the system's nginx. `stop()` (or deinit) sends it SIGQUIT and waits.
final class NginxStaticServer {
    let port: Int
    let prefix: URL
    private let process: Process

    /// Serves `root` on 127.0.0.1 at a free port with `workers` worker processes.
    init(root: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        port = try Self.freeLoopbackPort()
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("tracemap-nginx-\(UUID())")
        try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
        let p = prefix.path
        let config = """
        daemon off;
        worker_processes \(workers);
        pid \(p)/nginx.pid;
        error_log \(p)/error.log;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path \(p)/body; proxy_temp_path \(p)/proxy; fastcgi_temp_path \(p)/fastcgi;
          uwsgi_temp_path \(p)/uwsgi; scgi_temp_path \(p)/scgi;
          types { image/png png; image/svg+xml svg; application/pdf pdf; }
          server { listen 127.0.0.1:\(port); root \(root); location / { add_header Cache-Control "public, max-age=31536000, immutable"; } }
        }
        """
        try config.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["nginx", "-p", p, "-c", "\(p)/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CommandLineError.failure("cannot start nginx: \(error) (apt-get install nginx-light)")
        }
        try waitUntilListening()
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGQUIT)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: prefix)
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            guard process.isRunning else {
                let log = (try? String(contentsOf: prefix.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                throw CommandLineError.failure("nginx exited at start: \(log)")
            }
            usleep(50_000)
        }
        throw CommandLineError.failure("nginx did not listen on 127.0.0.1:\(port) within 5 s")
    }

    /// A port that was free a moment ago (bind port 0, read it, close).
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CommandLineError.failure("cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
