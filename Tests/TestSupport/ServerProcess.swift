import Foundation
import Glibc

/// A `tracemap serve` child process on a free loopback port, for end-to-end tests.
public final class ServerProcess {
    public let process = Process()
    public let port: Int
    public let dataDirectory: String
    private let log: FileHandle
    public let logPath: String

    /// The built `tracemap` executable: next to the test bundle (same build folder), else `.build/debug`.
    public static func binary(filePath: String = #filePath) throws -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [testBinary.deletingLastPathComponent().appendingPathComponent("tracemap")]
        // .xctest bundles on Linux are the test executable itself; macOS-style bundles sit one level deeper.
        candidates.append(testBinary.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tracemap"))
        var root = URL(fileURLWithPath: filePath)
        while root.path != "/" && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/tracemap"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestClient.Failure(description: "no tracemap binary in \(candidates.map(\.path))")
        }
        return found
    }

    /// A port that was free a moment ago (bound to 0 and released).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestClient.Failure(description: "bind failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `tracemap serve` on `dataDirectory` with `environment` added, and waits until `/healthz` answers 200.
    public init(dataDirectory: String, port: Int? = nil, environment: [String: String] = [:],
                timeout: Double = 30) throws
    {
        self.port = try port ?? Self.freePort()
        self.dataDirectory = dataDirectory
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        logPath = (dataDirectory as NSString).appendingPathComponent("server-\(self.port)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logPath, contents: nil)
        log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = try Self.binary()
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(self.port), "--data", dataDirectory]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let response = try? request("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", timeout: 1),
               response.status == 200 { return }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        process.terminate()
        throw TestClient.Failure(description: "server did not become healthy; log:\n\(logText)")
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? log.close()
    }

    /// What the server wrote to stdout and stderr so far.
    public var logText: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends one raw request on a new connection and reads the response.
    public func request(_ raw: String, timeout: Double = 10) throws -> TestClient.Response {
        try request(Array(raw.utf8), timeout: timeout)
    }

    /// Sends one raw request (bytes) on a new connection and reads the response.
    public func request(_ raw: [UInt8], timeout: Double = 10) throws -> TestClient.Response {
        let client = try TestClient(port: port)
        try client.send(raw)
        return try client.readResponse(timeout: timeout)
    }

    /// Kills the server with SIGKILL, as a crash would, and waits for it to be gone.
    public func crash() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM and waits; returns the exit status.
    public func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
