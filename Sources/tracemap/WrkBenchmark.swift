import Foundation

/// Runs `wrk` (from Debian) against a loopback URL and reads its report: throughput, p99 latency, errors.
///
/// Used by `tracemap bench serve` to load the service and nginx the same way in the same run.
enum WrkBenchmark {
    struct Result: Equatable {
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var requests: Int
        /// Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers.
        var errors: Int
    }

    /// Loads `url` with `connections` connections for `seconds`; `script` is an optional wrk Lua script.
    static func run(url: String, connections: Int = 64, threads: Int = 2, seconds: Int = 10,
                    script: String? = nil) throws -> Result {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        var scriptFile: URL?
        if let script {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracemap-wrk-\(UUID()).lua")
            try script.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["-s", file.path]
            scriptFile = file
        }
        defer { scriptFile.map { try? FileManager.default.removeItem(at: $0) } }
        let output = try execute("wrk", arguments + [url])
        guard let result = parse(output) else {
            throw CommandLineError.failure("could not read wrk's report:\n\(output)")
        }
        return result
    }

    /// The figures of a `wrk --latency` report, or nil if it has no "Requests/sec" line.
    static func parse(_ report: String) -> Result? {
        var result = Result(requestsPerSecond: 0, p99Milliseconds: .nan, requests: 0, errors: 0)
        var sawRate = false
        for line in report.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            if line.hasPrefix("Requests/sec:"), let rate = words.last.flatMap({ Double($0) }) {
                result.requestsPerSecond = rate
                sawRate = true
            } else if words.first == "99%", words.count >= 2 {
                result.p99Milliseconds = milliseconds(String(words[1])) ?? .nan
            } else if line.contains("requests in"), let count = words.first.flatMap({ Int($0) }) {
                result.requests = count
            } else if line.contains("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                result.errors += count
            } else if line.contains("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                result.errors += words.compactMap { Int($0) }.reduce(0, +)
            }
        }
        return sawRate ? result : nil
    }

    /// "18.33ms", "950.00us", "1.02s" in milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return nil
    }

    /// Runs a program found on PATH and returns its standard output; a failure names the program.
    static func execute(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch {
            throw CommandLineError.failure("cannot run \(program): \(error) (apt-get install \(program))")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandLineError.failure("\(program) exited \(process.terminationStatus): \(output)")
        }
        return output
    }
}
