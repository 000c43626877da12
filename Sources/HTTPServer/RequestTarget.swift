/// Parsing of the request-target (RFC 9112 §3.2) into a decoded path and query items.
enum RequestTarget {
    /// Splits and decodes a target; returns (target, path, raw query, query items).
    ///
    /// Accepted forms: origin-form ("/p?q"), absolute-form ("http://host/p?q", §3.2.2, which a server MUST accept)
    /// and asterisk-form ("*") for OPTIONS only. Every byte must be visible ASCII (RFC 3986 allows nothing else), a
    /// fragment is not allowed, and the decoded path must be UTF-8 without NUL; otherwise 400.
    static func parse(_ bytes: ArraySlice<UInt8>, method: String)
        throws(HTTPError) -> (String, String, String, [QueryItem]) {
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("request target holds bytes that are not visible ASCII")
        }
        guard !bytes.contains(0x23) else { throw .badRequest("request target holds a fragment ('#')") }
        let target = String(decoding: bytes, as: UTF8.self)
        if bytes.elementsEqual("*".utf8) {
            guard method == "OPTIONS" else { throw .badRequest("'*' target is only valid with OPTIONS") }
            return (target, "*", "", [])
        }
        var rest = bytes[...]
        if bytes.first != 0x2F {
            let lowered = bytes.prefix(8).map { $0 | 0x20 }
            let scheme: Int
            if lowered.starts(with: "http://".utf8) { scheme = 7 }
            else if lowered.starts(with: "https://".utf8) { scheme = 8 }
            else { throw .badRequest("request target is neither a path nor an absolute http URL") }
            rest = bytes.dropFirst(scheme)
            guard let slash = rest.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) else {
                return (target, "/", "", [])
            }
            rest = rest[slash...]
        }
        let questionMark = rest.firstIndex(of: 0x3F)
        let pathBytes = rest[rest.startIndex..<(questionMark ?? rest.endIndex)]
        let queryBytes = questionMark.map { rest[(rest.index(after: $0))...] } ?? []
        guard let path = pathBytes.isEmpty ? "/" : PercentDecoding.decode(pathBytes, plusAsSpace: false) else {
            throw .badRequest("path has bad percent-encoding, a NUL, or is not UTF-8")
        }
        var items: [QueryItem] = []
        for pair in queryBytes.split(separator: 0x26) {
            let equals = pair.firstIndex(of: 0x3D)
            let nameBytes = pair[pair.startIndex..<(equals ?? pair.endIndex)]
            let valueBytes = equals.map { pair[(pair.index(after: $0))...] } ?? []
            guard let name = PercentDecoding.decode(nameBytes, plusAsSpace: true),
                  let value = PercentDecoding.decode(valueBytes, plusAsSpace: true) else {
                throw .badRequest("query has bad percent-encoding, a NUL, or is not UTF-8")
            }
            items.append(QueryItem(name: name, value: value))
        }
        return (target, path, String(decoding: queryBytes, as: UTF8.self), items)
    }
}

/// Percent-decoding (RFC 3986 §2.1) into strict UTF-8.
public enum PercentDecoding {
    /// The decoded text, or nil for a bad escape ("%zz", a truncated "%4"), a decoded NUL or invalid UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case 0x25:
                guard let high = iterator.next().flatMap(HTTPRequestDecoder.hexValue),
                      let low = iterator.next().flatMap(HTTPRequestDecoder.hexValue) else { return nil }
                out.append(UInt8(high << 4 | low))
            case 0x2B where plusAsSpace: out.append(0x20)
            default: out.append(byte)
            }
        }
        guard !out.contains(0) else { return nil }
        return String(validating: out, as: UTF8.self)
    }
}
