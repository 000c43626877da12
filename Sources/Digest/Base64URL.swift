/// base64url without padding (RFC 4648 §5, as in JWTs and signed URLs): "-" and "_" instead of "+" and "/".
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The encoding of `bytes`, without "=" padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let n = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = input.count - index
        if rest == 1 {
            let n = UInt32(input[index]) << 16
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or nil if it holds a character outside the alphabet, padding, or an impossible length
    /// (RFC 4648 §3.5: non-zero bits left over in the last character are also rejected, so encodings are unique).
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A: values.append(UInt32(byte - 0x41))
            case 0x61...0x7A: values.append(UInt32(byte - 0x61 + 26))
            case 0x30...0x39: values.append(UInt32(byte - 0x30 + 52))
            case 0x2D: values.append(62)
            case 0x5F: values.append(63)
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 4 <= values.count {
            let n = values[index] << 18 | values[index + 1] << 12 | values[index + 2] << 6 | values[index + 3]
            out += [UInt8(n >> 16), UInt8(n >> 8 & 255), UInt8(n & 255)]
            index += 4
        }
        switch values.count - index {
        case 2:
            guard values[index + 1] & 0x0F == 0 else { return nil }
            out.append(UInt8((values[index] << 2) | (values[index + 1] >> 4)))
        case 3:
            guard values[index + 2] & 0x03 == 0 else { return nil }
            let n = values[index] << 10 | values[index + 1] << 4 | values[index + 2] >> 2
            out += [UInt8(n >> 8), UInt8(n & 255)]
        default: break
        }
        return out
    }
}
