import Foundation
import TraceMapService

/// `tracemap sign`: prints a map URL with `exp` and `sig` added, using the service's signing key.
enum SignCommand: Subcommand {
    static let name = "sign"
    static let summary = "add exp and sig to a map URL with the configured signing key"
    static let usage = """
    usage: tracemap sign URL [--ttl 1h] [--config FILE]

    URL is a full URL (http://host:port/v1/maps/ID.png?size=640x480) or a path with its query. The key is
    TRACEMAP_SIGNING_KEY, else "signingKey" in the config file. --ttl is how long the URL stays valid: seconds,
    or a number with s, m, h or d (default: the signedURLLifetime setting, 1h). Prints the signed URL.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--ttl", "--config"])
        let url = try args.requirePositionals(1, "URL")[0]
        let config: ServiceConfig
        do { config = try ServiceConfig.load(file: args.value("--config")) } catch {
            throw CommandLineError.failure(error.description)
        }
        guard let key = config.signingKey else {
            throw CommandLineError.failure("no signing key: set TRACEMAP_SIGNING_KEY or signingKey in --config")
        }
        var lifetime = config.signedURLLifetime
        if let ttl = args.value("--ttl") {
            guard let seconds = ServiceConfig.parseDuration(ttl) else {
                throw CommandLineError.usage("--ttl must be a duration such as 3600, 90s, 15m, 1h or 7d")
            }
            lifetime = seconds
        }
        guard url.hasPrefix("/") || url.contains("://") else {
            throw CommandLineError.usage("URL must be a full http(s) URL or start with '/'")
        }
        let expires = Int(Date().timeIntervalSince1970) + lifetime
        Standard.output(URLSigner(key: key).signURL(url, expires: expires))
        return 0
    }
}
