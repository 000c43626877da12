import Foundation
import HTTPServer

/// Every setting of `tracemap serve`, from defaults, then a JSON config file, then environment variables.
///
/// The environment wins over the file (so a deployment can override one setting), and command-line flags, applied
/// by the caller afterwards, win over both. Every setting is listed once, in `ServiceConfig.settings`, with its JSON
/// key and its variable; an unknown key in the file is an error, so a typo cannot silently fall back to a default.
/// ```json
/// { "port": 8080, "signingKey": "…", "cacheBytes": 268435456, "maxBodyBytes": 8388608 }
/// ```
public struct ServiceConfig: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The service's own database and cache (`TRACEMAP_DATA_DIR`).
    public var dataDirectory = "tracemap-data"
    /// The key for `sig` on map URLs; nil means map URLs are served unsigned.
    public var signingKey: String?
    /// Origins allowed to embed the tracking page (CSP `frame-ancestors`); empty means any (`*`).
    public var frameAncestors: [String] = []
    /// The bearer key required by writes that replace stored state (`PUT /v1/shipments/…`); nil means they are open.
    /// `POST /v1/render` and `POST /v1/maps` do not need it: they only add immutable, content-addressed, size-limited
    /// content (README "Who needs the API key").
    public var apiKey: String?
    /// Total bytes of rendered images kept in memory.
    public var cacheBytes = 256 * 1024 * 1024
    /// Default lifetime of signed URLs made by `tracemap sign` and `POST /v1/maps`.
    public var signedURLLifetime = 3600
    /// Seconds SIGTERM waits for requests in flight.
    public var shutdownDeadline: Double = 10
    /// Largest image (width × height × scale²) a request may ask for; more is 400 `render.size_too_large`.
    public var maxImagePixels = 4096 * 4096
    /// Most events a submitted trace may hold; more is 400.
    public var maxEvents = 2000
    /// Whether cache hits (and 304s) of map requests are answered on the connection thread, skipping the worker
    /// pool (`HTTPServer.FastHandler`). Off only to measure what it saves (`tracemap bench serve`).
    public var fastPath = true
    /// The transport limits (request sizes, timeouts, connections, workers).
    public var limits = ServerLimits()
    /// Aggregator webhook secrets (Kuaidi100 push salt, Kdniao AppKey and EBusinessID).
    public var kuaidi100Salt: String?
    public var kdniaoAppKey: String?
    public var kdniaoEBusinessID: String?
    /// The service's public origin ("https://maps.example.com"), for absolute URLs in MCP answers (`map_url`).
    public var publicBaseURL: String?
    /// Browser origins allowed to call `POST /mcp` besides the service's own and loopback ones.
    public var mcpAllowedOrigins: [String] = []

    public init() {}

    /// The configuration from `file` (if any) and then `environment`.
    public static func load(file: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ServiceConfigError) -> ServiceConfig {
        var config = ServiceConfig()
        if let file { try config.apply(fileAt: file) }
        try config.apply(environment: environment)
        return config
    }

    /// Applies the settings of a JSON object file.
    public mutating func apply(fileAt path: String) throws(ServiceConfigError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .invalidFile(path, "not a JSON object")
        }
        for key in object.keys.sorted() {
            guard let setting = Self.settings.first(where: { $0.key == key }) else {
                throw .invalidFile(path, "unknown setting '\(key)'")
            }
            let text: String
            switch object[key] {
            case let string as String: text = string
            case let number as NSNumber: text = number.stringValue
            case let list as [String]: text = list.joined(separator: ",")
            case is NSNull: continue
            default: throw .invalidValue(setting: "\(path): \(key)", value: "\(object[key]!)", expected: setting.expected)
            }
            try apply(setting, text, source: "\(path): \(key)")
        }
    }

    /// Applies every `TRACEMAP_…` variable that names a setting; empty variables are ignored, except a secret's,
    /// which is refused.
    public mutating func apply(environment: [String: String]) throws(ServiceConfigError) {
        for setting in Self.settings {
            guard let text = environment[setting.environment], !text.isEmpty || setting.secret else { continue }
            try apply(setting, text, source: setting.environment)
        }
    }

    private mutating func apply(_ setting: Setting, _ text: String, source: String) throws(ServiceConfigError) {
        guard setting.apply(&self, text) else {
            throw .invalidValue(setting: source, value: text, expected: setting.expected)
        }
    }
}

/// A configuration that cannot be used; the message names the file or variable and the bad value.
public enum ServiceConfigError: Error, Equatable, CustomStringConvertible {
    case unreadableFile(String)
    case invalidFile(String, String)
    case invalidValue(setting: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path): "cannot read config file \(path)"
        case .invalidFile(let path, let why): "config file \(path): \(why)"
        case .invalidValue(let setting, let value, let expected): "\(setting): '\(value)' is not \(expected)"
        }
    }
}
