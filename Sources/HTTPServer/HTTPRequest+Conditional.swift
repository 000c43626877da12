extension HTTPRequest {
    /// Whether `If-None-Match` matches `etag`, so a GET or HEAD should be answered `304 Not Modified`.
    ///
    /// RFC 9110 §13.1.2: `*` matches any current representation, otherwise the entity-tags are compared with the
    /// weak comparison function (a `W/` prefix on either side is ignored).
    /// ```swift
    /// if request.ifNoneMatch(etag) { return .notModified(etag: etag) }
    /// ```
    public func ifNoneMatch(_ etag: String) -> Bool {
        let candidates = headers.listElements(for: "If-None-Match")
        guard !candidates.isEmpty else { return false }
        let wanted = Self.opaqueTag(etag)
        return candidates.contains { $0 == "*" || Self.opaqueTag($0) == wanted }
    }

    static func opaqueTag(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }
}
