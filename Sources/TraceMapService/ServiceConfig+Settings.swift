import Foundation
import HTTPServer

extension ServiceConfig {
    /// One setting: its JSON key, its environment variable, what it accepts, and how a text value applies.
    public struct Setting: Sendable {
        public let key: String
        public let environment: String
        public let expected: String
        public let summary: String
        /// Whether an empty value is refused even from the environment, where empty otherwise means unset.
        public var secret = false
        let apply: @Sendable (inout ServiceConfig, String) -> Bool
    }

    /// Every setting, in the order the README documents them.
    public static let settings: [Setting] = [
        text("host", "TRACEMAP_HOST", "address to listen on (IPv4 or IPv6 literal)") { $0.host = $1 },
        integer("port", "TRACEMAP_PORT", 0...65535, "TCP port") { $0.port = $1 },
        text("dataDirectory", "TRACEMAP_DATA_DIR", "the service's database and files") { $0.dataDirectory = $1 },
        secret("signingKey", "TRACEMAP_SIGNING_KEY", "HMAC key for map URL signatures; unset = unsigned URLs") {
            $0.signingKey = $1
        },
        text("frameAncestors", "TRACEMAP_FRAME_ANCESTORS",
             "origins that may embed the tracking page (comma-separated; unset = any)") {
            $0.frameAncestors = $1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "*" }
        },
        secret("apiKey", "TRACEMAP_API_KEY", "bearer key for PUT /v1/shipments; unset = open") { $0.apiKey = $1 },
        integer("cacheBytes", "TRACEMAP_CACHE_BYTES", 0...Int.max, "bytes of rendered images kept in memory") {
            $0.cacheBytes = $1
        },
        duration("signedURLLifetime", "TRACEMAP_SIGNED_URL_LIFETIME", "default lifetime of signed URLs") {
            $0.signedURLLifetime = $1
        },
        seconds("shutdownDeadline", "TRACEMAP_SHUTDOWN_DEADLINE", "seconds SIGTERM waits for requests in flight") {
            $0.shutdownDeadline = $1
        },
        integer("maxImagePixels", "TRACEMAP_MAX_IMAGE_PIXELS", 1...Int.max, "largest image, width × height × scale²") {
            $0.maxImagePixels = $1
        },
        integer("maxEvents", "TRACEMAP_MAX_EVENTS", 1...Int.max, "most events in one trace") { $0.maxEvents = $1 },
        integer("maxRequestLineBytes", "TRACEMAP_MAX_REQUEST_LINE_BYTES", 64...Int.max, "request line (414)") {
            $0.limits.maxRequestLineBytes = $1
        },
        integer("maxHeaderBytes", "TRACEMAP_MAX_HEADER_BYTES", 256...Int.max, "header section (431)") {
            $0.limits.maxHeaderBytes = $1
        },
        integer("maxHeaderCount", "TRACEMAP_MAX_HEADER_COUNT", 1...Int.max, "header fields (431)") {
            $0.limits.maxHeaderCount = $1
        },
        integer("maxBodyBytes", "TRACEMAP_MAX_BODY_BYTES", 0...Int.max, "request body (413)") {
            $0.limits.maxBodyBytes = $1
        },
        seconds("readTimeout", "TRACEMAP_READ_TIMEOUT", "seconds to receive a whole request (408, close)") {
            $0.limits.readTimeout = $1
        },
        seconds("idleTimeout", "TRACEMAP_IDLE_TIMEOUT", "seconds a keep-alive connection may idle") {
            $0.limits.idleTimeout = $1
        },
        seconds("writeTimeout", "TRACEMAP_WRITE_TIMEOUT", "seconds a response may wait for a slow reader") {
            $0.limits.writeTimeout = $1
        },
        integer("maxConnections", "TRACEMAP_MAX_CONNECTIONS", 1...Int.max, "open connections (503 beyond)") {
            $0.limits.maxConnections = $1
        },
        integer("workers", "TRACEMAP_WORKERS", 1...1024, "handler threads (default: cores)") {
            $0.limits.workerCount = $1
        },
        integer("queueDepth", "TRACEMAP_QUEUE_DEPTH", 0...Int.max, "requests waiting for a worker (503 beyond)") {
            $0.limits.queueDepth = $1
        },
        integer("maxStreams", "TRACEMAP_MAX_STREAMS", 0...Int.max, "open event streams (503 beyond)") {
            $0.limits.maxStreams = $1
        },
        seconds("streamHeartbeat", "TRACEMAP_STREAM_HEARTBEAT", "seconds between an idle event stream's heartbeats") {
            $0.limits.streamHeartbeatInterval = $1
        },
        integer("retryAfterSeconds", "TRACEMAP_RETRY_AFTER", 0...86400, "Retry-After sent with 503") {
            $0.limits.retryAfterSeconds = $1
        },
        boolean("fastPath", "TRACEMAP_FAST_PATH", "answer cache hits on the connection thread") { $0.fastPath = $1 },
        secret("kuaidi100Salt", "TRACEMAP_KUAIDI100_SALT", "salt of Kuaidi100 push signatures") { $0.kuaidi100Salt = $1 },
        secret("kdniaoAppKey", "TRACEMAP_KDNIAO_APPKEY", "Kdniao AppKey for push DataSign") { $0.kdniaoAppKey = $1 },
        text("kdniaoEBusinessID", "TRACEMAP_KDNIAO_EBUSINESS_ID", "Kdniao EBusinessID") {
            $0.kdniaoEBusinessID = $1
        },
        origin("publicBaseURL", "TRACEMAP_PUBLIC_BASE_URL",
               "public origin for absolute map URLs in MCP answers (http(s)://host[:port][/prefix]); unset = none") {
            $0.publicBaseURL = $1
        },
        text("mcpAllowedOrigins", "TRACEMAP_MCP_ALLOWED_ORIGINS",
             "browser origins allowed to call POST /mcp (comma-separated; own host and loopback always are)") {
            $0.mcpAllowedOrigins = $1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        },
    ]

    /// An absolute http(s) URL without query or fragment; a trailing slash is dropped.
    private static func origin(_ key: String, _ environment: String, _ summary: String,
                               _ set: @escaping @Sendable (inout ServiceConfig, String) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "an http:// or https:// URL without query",
                summary: summary) { config, text in
            var value = text.trimmingCharacters(in: .whitespaces)
            while value.hasSuffix("/") { value.removeLast() }
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil,
                  !value.contains(where: { $0.isWhitespace || $0 == "\\" })
            else { return false }
            set(&config, value)
            return true
        }
    }

    private static func text(_ key: String, _ environment: String, _ summary: String,
                             _ set: @escaping @Sendable (inout ServiceConfig, String) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "a string", summary: summary) { config, text in
            set(&config, text)
            return true
        }
    }

    /// A secret: an empty or blank value is refused, never read as "no secret" (issue 11, defects 2 and 13).
    private static func secret(_ key: String, _ environment: String, _ summary: String,
                               _ set: @escaping @Sendable (inout ServiceConfig, String) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "a non-empty string (unset it to turn it off)",
                summary: summary, secret: true) { config, text in
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
            set(&config, text)
            return true
        }
    }

    private static func integer(_ key: String, _ environment: String, _ range: ClosedRange<Int>, _ summary: String,
                                _ set: @escaping @Sendable (inout ServiceConfig, Int) -> Void) -> Setting {
        let expected = range.upperBound == Int.max ? "an integer ≥ \(range.lowerBound)"
            : "an integer in \(range.lowerBound)...\(range.upperBound)"
        return Setting(key: key, environment: environment, expected: expected, summary: summary) { config, text in
            guard let value = Int(text), range.contains(value) else { return false }
            set(&config, value)
            return true
        }
    }

    private static func boolean(_ key: String, _ environment: String, _ summary: String,
                                _ set: @escaping @Sendable (inout ServiceConfig, Bool) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "true or false", summary: summary) { config, text in
            switch text {
            case "true", "1": set(&config, true)
            case "false", "0": set(&config, false)
            default: return false
            }
            return true
        }
    }

    private static func seconds(_ key: String, _ environment: String, _ summary: String,
                                _ set: @escaping @Sendable (inout ServiceConfig, Double) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "a positive number of seconds", summary: summary) {
            config, text in
            guard let value = Double(text), value.isFinite, value > 0 else { return false }
            set(&config, value)
            return true
        }
    }

    private static func duration(_ key: String, _ environment: String, _ summary: String,
                                 _ set: @escaping @Sendable (inout ServiceConfig, Int) -> Void) -> Setting {
        Setting(key: key, environment: environment, expected: "a duration such as 3600, 90s, 15m, 1h or 7d",
                summary: summary) { config, text in
            guard let value = parseDuration(text) else { return false }
            set(&config, value)
            return true
        }
    }

    /// Seconds in "3600", "90s", "15m", "1h" or "7d"; nil for anything else or a non-positive value.
    public static func parseDuration(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(text)
        var multiplier = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits), value > 0,
              value <= Int.max / multiplier else { return nil }
        return value * multiplier
    }
}
