/// HMAC-SHA256 (RFC 2104, FIPS 198-1), checked against RFC 4231's test cases.
///
/// ```swift
/// let tag = HMACSHA256.authenticate(Array("message".utf8), key: Array("secret".utf8))  // 32 bytes
/// ```
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticate(_ message: some Sequence<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        // RFC 2104 §2: keys longer than the block size are hashed first; then zero-padded to the block size.
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : Array(key)
        block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// Whether `tag` is the code of `message` under `key`, compared in constant time.
    public static func verify(_ tag: [UInt8], message: some Sequence<UInt8>, key: some Collection<UInt8>) -> Bool {
        ConstantTime.equals(tag, authenticate(message, key: key))
    }
}
