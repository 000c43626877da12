import Foundation
import Digest
import HTTPServer

/// Signs and checks map URLs: `sig` is the base64url HMAC-SHA256 of the path and the query without `sig`.
///
/// Like Google Static Maps' URL signing, the signed text is exactly what travels in the URL: the raw
/// (percent-encoded) path, "?", and the raw query with the `sig` item removed, items in their order. `exp` is a
/// unix time inside that query, so it is signed too. The key is used as its UTF-8 bytes.
/// ```swift
/// let signer = URLSigner(key: "secret")
/// let url = signer.sign("/v1/maps/ab12.png?size=640x480", expires: 1_900_000_000)
/// // "/v1/maps/ab12.png?size=640x480&exp=1900000000&sig=…"
/// ```
public struct URLSigner: Sendable {
    private let key: [UInt8]
    /// Signed targets already verified ("path?query" → their `exp`): the same embedded URL is fetched again and
    /// again, and the HMAC was a tenth of a cached answer's cost. Only successes are kept; expiry is still checked
    /// against the clock on every request. Bounded: it starts over after `rememberedTargets`.
    private let verified = Locked<[String: Int]>([:])
    static let rememberedTargets = 100_000

    public init(key: String) {
        precondition(!key.isEmpty, "a signing key must not be empty")
        self.key = Array(key.utf8)
    }

    /// `pathAndQuery` with any old `exp` and `sig` removed, then `exp=expires` and its `sig` appended.
    public func sign(_ pathAndQuery: String, expires: Int) -> String {
        let (path, query) = Self.split(pathAndQuery)
        var items = Self.items(query).filter { Self.name(of: $0) != "sig" && Self.name(of: $0) != "exp" }
        items.append("exp=\(expires)")
        let unsigned = path + "?" + items.joined(separator: "&")
        return unsigned + "&sig=" + signature(of: unsigned)
    }

    /// A full URL ("http://host:port/path?query") signed the same way; scheme and authority are kept, not signed.
    public func signURL(_ url: String, expires: Int) -> String {
        guard let scheme = url.range(of: "://") else { return sign(url, expires: expires) }
        let afterScheme = url[scheme.upperBound...]
        let pathStart = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let origin = String(url[..<pathStart])
        var rest = String(url[pathStart...])
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        if !rest.hasPrefix("/") { rest = "/" + rest }
        return origin + sign(rest, expires: expires)
    }

    /// Checks the `sig` and `exp` of a request's raw path and query at unix time `now`.
    ///
    /// A missing, malformed or wrong `sig` (or a missing or malformed `exp`) is 403 `auth.bad_signature`; a valid
    /// signature whose `exp` has passed is 403 `auth.expired`. The signature is compared in constant time.
    public func verify(rawPath: String, query: String, now: Int) throws(HTTPError) {
        let target = rawPath + "?" + query
        if let expires = verified.withLock({ $0[target] }) {
            guard now <= expires else {
                throw HTTPError(status: 403, code: "auth.expired", message: "the signed URL expired at \(expires)")
            }
            return
        }
        let expires = try verifySignature(rawPath: rawPath, query: query)
        verified.withLock {
            if $0.count >= Self.rememberedTargets { $0.removeAll(keepingCapacity: true) }
            $0[target] = expires
        }
        guard now <= expires else {
            throw HTTPError(status: 403, code: "auth.expired", message: "the signed URL expired at \(expires)")
        }
    }

    /// Checks `sig` and the presence of one integer `exp`; returns that `exp`.
    private func verifySignature(rawPath: String, query: String) throws(HTTPError) -> Int {
        // Works on the UTF-8 bytes: this runs for every map request, also cache hits on the connection thread.
        var message = Array(rawPath.utf8)
        var signatures: [ArraySlice<UInt8>] = []
        var expiries: [ArraySlice<UInt8>] = []
        var unsignedCount = 0
        for item in Array(query.utf8).split(separator: 0x26, omittingEmptySubsequences: true) {
            let name = item.prefix { $0 != 0x3D }
            if name.elementsEqual("sig".utf8) {
                signatures.append(item.dropFirst(4))
                continue
            }
            message.append(unsignedCount == 0 ? 0x3F : 0x26)  // "?" before the first item, "&" between
            message.append(contentsOf: item)
            unsignedCount += 1
            if name.elementsEqual("exp".utf8) { expiries.append(item.dropFirst(4)) }
        }
        guard signatures.count == 1,
              let given = Base64URL.decode(String(decoding: signatures[0], as: UTF8.self)) else {
            throw Self.badSignature(signatures.isEmpty ? "the URL is not signed (no sig)" : "malformed sig")
        }
        guard ConstantTime.equals(given, HMACSHA256.authenticate(message, key: key)) else {
            throw Self.badSignature("the signature does not match the URL")
        }
        guard expiries.count == 1, let expires = Int(String(decoding: expiries[0], as: UTF8.self)) else {
            throw Self.badSignature("a signed URL needs exactly one integer exp")
        }
        return expires
    }

    /// Checks a request's signature now.
    public func verify(_ request: HTTPRequest, now: Int) throws(HTTPError) {
        try verify(rawPath: request.rawPath, query: request.query, now: now)
    }

    /// The base64url HMAC-SHA256 of `text`.
    public func signature(of text: String) -> String {
        Base64URL.encode(HMACSHA256.authenticate(Array(text.utf8), key: key))
    }

    /// The query with its `sig` item removed, for logs.
    public static func redacted(query: String) -> String {
        // Bytes, not Characters: this runs for every request's log line.
        guard query.utf8.contains(0x3D) || query.utf8.contains(0x26) || query == "sig" else { return query }
        var kept: [UInt8] = []
        kept.reserveCapacity(query.utf8.count)
        for item in Array(query.utf8).split(separator: 0x26, omittingEmptySubsequences: true)
        where !item.prefix(while: { $0 != 0x3D }).elementsEqual("sig".utf8) {
            if !kept.isEmpty { kept.append(0x26) }
            kept.append(contentsOf: item)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    static func badSignature(_ message: String) -> HTTPError {
        HTTPError(status: 403, code: "auth.bad_signature", message: message)
    }

    private static func split(_ pathAndQuery: String) -> (String, String) {
        var text = Substring(pathAndQuery)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        guard let mark = text.firstIndex(of: "?") else { return (String(text), "") }
        return (String(text[..<mark]), String(text[text.index(after: mark)...]))
    }

    private static func items(_ query: String) -> [Substring] {
        query.split(separator: "&", omittingEmptySubsequences: true)
    }

    private static func name(of item: Substring) -> Substring {
        item.prefix { $0 != "=" }
    }
}
