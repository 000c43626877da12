import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, as the aggregators' webhooks send them.
///
/// Parsed per the WHATWG URL Standard §5.1 (application/x-www-form-urlencoded parsing): split on `&`, split each
/// pair at the first `=`, `+` is a space, then percent-decode. Unlike the standard's lossy decoding, bytes that are
/// not UTF-8 are rejected: a signature over replaced characters could never verify.
public struct FormFields: Sendable {
    private var fields: [String: String] = [:]

    /// Parses a body. A repeated field keeps its first value.
    /// - Throws: `ShipmentError.badField` for bad percent-escapes or invalid UTF-8.
    public init(_ body: Data) throws {
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try FormFields.decode(parts[0], field: "(name)")
            let value = parts.count > 1 ? try FormFields.decode(parts[1], field: name) : ""
            if fields[name] == nil { fields[name] = value }
        }
    }

    /// The value of a field, if present.
    public subscript(name: String) -> String? { fields[name] }

    /// The value of a required field.
    /// - Throws: `ShipmentError.badField` when it is missing or empty.
    public func require(_ name: String) throws -> String {
        guard let value = fields[name], !value.isEmpty else { throw ShipmentError.badField(name, "missing") }
        return value
    }

    /// Percent-decodes one component (`+` as space).
    static func decode<Bytes: Collection>(_ bytes: Bytes, field: String) throws -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                      let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)])
                else { throw ShipmentError.badField(field, "bad percent-escape") }
                out.append(high << 4 | low)
                index = bytes.index(after: first)
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw ShipmentError.badField(field, "not valid UTF-8")
        }
        return text
    }
}
