import Testing
@testable import Digest

/// Lowercase hex, local to the tests (the target's own Hex type lives in another file).
func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
func bytes(hex text: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        out.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return out
}

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Example Algorithms", SHA256.pdf, SHA256_2.pdf) and the long-message vector.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func standardVectors(message: String, digest: String) {
        #expect(hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func oneMillionLetterA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyPaddingBoundaryMatchesOneShot() {
        // Lengths around 55/56/64 bytes exercise the one- and two-block padding paths; the split must not matter.
        let message = (0..<200).map { UInt8($0 % 251) }
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
            let whole = SHA256.hash(message[0..<length])
            var split = SHA256()
            split.update(message[0..<length / 3])
            split.update(message[length / 3..<length])
            #expect(split.finalize() == whole, "length \(length)")
        }
        #expect(hex(SHA256.hash(Array(String(repeating: "a", count: 55).utf8)))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(hex(SHA256.hash(Array(String(repeating: "a", count: 56).utf8)))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}

@Suite struct HMACSHA256Tests {
    /// RFC 4231 §4.2–4.8, test cases 1–7 (case 5 compares the first 128 bits only).
    @Test(arguments: [
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (String(repeating: "0c", count: 20), "546573742057697468205472756e636174696f6e",
         "a3b6167473100ee06e0c796c2955552b"),
        (String(repeating: "aa", count: 131),
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: String, mac: String) {
        let tag = HMACSHA256.authenticate(bytes(hex: data), key: bytes(hex: key))
        #expect(hex(tag).hasPrefix(mac))
        #expect(tag.count == 32)
    }

    @Test func verifyRejectsAnyChangedByte() {
        let key = Array("bar-signing-key".utf8), message = Array("/v1/maps/abc.png?exp=1".utf8)
        let tag = HMACSHA256.authenticate(message, key: key)
        #expect(HMACSHA256.verify(tag, message: message, key: key))
        for index in tag.indices {
            var changed = tag
            changed[index] ^= 1
            #expect(!HMACSHA256.verify(changed, message: message, key: key))
        }
        #expect(!HMACSHA256.verify(Array(tag.dropLast()), message: message, key: key))
        #expect(!HMACSHA256.verify(tag, message: message + [0x20], key: key))
    }
}

@Suite struct Base64URLTests {
    /// RFC 4648 §10 vectors, without padding, plus bytes that use the URL-safe characters.
    @Test func rfc4648Vectors() {
        let pairs = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
                     ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in pairs {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test func decodeRejectsWhatIsNotBase64URL() {
        #expect(Base64URL.decode("Zg==") == nil)  // padding
        #expect(Base64URL.decode("+/+/") == nil)  // standard alphabet
        #expect(Base64URL.decode("Z") == nil)  // impossible length
        #expect(Base64URL.decode("Zh") == nil)  // non-zero leftover bits
        #expect(Base64URL.decode("Zm9 v") == nil)
    }

    @Test func roundTripsEveryLength() {
        for length in 0..<70 {
            let data = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            let text = Base64URL.encode(data)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == data)
        }
    }
}

@Suite struct ConstantTimeTests {
    @Test func equalsComparesContentAndLength() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 0]))
        #expect(!ConstantTime.equals([0], [UInt8]()))
        #expect(!ConstantTime.equals(Array(repeating: 0, count: 256), Array(repeating: 0, count: 512)))
    }
}

import Foundation
