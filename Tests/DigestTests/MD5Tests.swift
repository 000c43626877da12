import Testing
@testable import Digest

@Suite struct MD5Tests {
    /// The test suite of RFC 1321 Appendix A.5.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfc1321Vectors(_ input: String, _ expected: String) {
        #expect(MD5.hex(input) == expected)
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let text = Array(String(repeating: "快递鸟 Kuaidi100 ", count: 50).utf8)
        var md5 = MD5()
        md5.update(text[..<7])
        md5.update(text[7..<130])
        md5.update(text[130...])
        #expect(md5.finalize() == MD5.hash(text))
    }

    @Test func utf8InputIsHashedAsBytes() {
        // Python: hashlib.md5("中文".encode()).hexdigest()
        #expect(MD5.hex("中文") == "a7bac2239fcdcb3a067903d8077c4a07")
    }
}
