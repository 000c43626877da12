import Digest
import Foundation
import HTTPServer
import Testing
@testable import TraceMapService

@Suite struct URLSignerTests {
    let signer = URLSigner(key: "bar-signing-key")
    let now = 1_800_000_000

    func status(_ pathAndQuery: String, at time: Int? = nil) -> String {
        let (path, query) = pathAndQuery.firstIndex(of: "?").map {
            (String(pathAndQuery[..<$0]), String(pathAndQuery[pathAndQuery.index(after: $0)...]))
        } ?? (pathAndQuery, "")
        do {
            try signer.verify(rawPath: path, query: query, now: time ?? now)
            return "ok"
        } catch {
            return error.code
        }
    }

    @Test func signatureIsHMACOfPathAndQueryWithoutSig() throws {
        let signed = signer.sign("/v1/maps/ab12.png?size=640x480", expires: now + 60)
        #expect(signed.hasPrefix("/v1/maps/ab12.png?size=640x480&exp=1800000060&sig="))
        let sig = String(signed.split(separator: "=").last!)
        let expected = Base64URL.encode(HMACSHA256.authenticate(Array("/v1/maps/ab12.png?size=640x480&exp=1800000060".utf8),
                                                                key: Array("bar-signing-key".utf8)))
        #expect(sig == expected)
        #expect(sig.count == 43)  // 32 bytes, base64url without padding
        #expect(status(signed) == "ok")
    }

    @Test func pythonStyleSignatureVerifies() {
        // What the README's Python snippet computes: HMAC over path?query (with exp), base64url without "=".
        let message = "/v1/maps/x.svg?style=default&exp=1800000100"
        let sig = Base64URL.encode(HMACSHA256.authenticate(Array(message.utf8), key: Array("bar-signing-key".utf8)))
        #expect(status(message + "&sig=" + sig) == "ok")
        // sig need not be last: the signed text is the query without it, in order.
        #expect(status("/v1/maps/x.svg?style=default&sig=\(sig)&exp=1800000100") == "ok")
    }

    @Test func wrongTamperedMissingAndExpired() {
        let signed = signer.sign("/v1/maps/ab12.png?size=640x480", expires: now + 60)
        #expect(status(signed.replacingOccurrences(of: "640x480", with: "641x480")) == "auth.bad_signature")
        #expect(status(signed.replacingOccurrences(of: "ab12", with: "ab13")) == "auth.bad_signature")
        #expect(status(signed + "&scale=2") == "auth.bad_signature")
        #expect(status(signed.replacingOccurrences(of: "exp=1800000060", with: "exp=1900000000")) == "auth.bad_signature")
        #expect(status("/v1/maps/ab12.png?size=640x480") == "auth.bad_signature")
        #expect(status("/v1/maps/ab12.png") == "auth.bad_signature")
        #expect(status(signed + "&sig=AAAA") == "auth.bad_signature")  // two signatures
        #expect(status(String(signed.dropLast())) == "auth.bad_signature")
        #expect(status(signed.replacingOccurrences(of: "sig=", with: "sig=%")) == "auth.bad_signature")
        #expect(URLSigner(key: "other-key").sign("/v1/maps/ab12.png?size=640x480", expires: now + 60) != signed)
        #expect(status(signed, at: now + 60) == "ok")
        #expect(status(signed, at: now + 61) == "auth.expired")
    }

    @Test func signatureWithoutExpIsRejected() {
        let message = "/v1/maps/x.png?size=1x1"
        let sig = signer.signature(of: message)
        #expect(status(message + "&sig=" + sig) == "auth.bad_signature")
    }

    @Test func resigningReplacesOldExpAndSig() {
        let first = signer.sign("/m.png?a=1", expires: now)
        let second = signer.sign(first, expires: now + 5)
        #expect(second.components(separatedBy: "sig=").count == 2)
        #expect(second.components(separatedBy: "exp=").count == 2)
        #expect(status(second) == "ok")
    }

    @Test func fullURLKeepsOriginAndSignsPathAndQuery() {
        let signed = signer.signURL("http://127.0.0.1:8080/v1/maps/ab12.png?size=640x480", expires: now + 1)
        #expect(signed.hasPrefix("http://127.0.0.1:8080/v1/maps/ab12.png?size=640x480&exp=1800000001&sig="))
        #expect(status(String(signed.dropFirst("http://127.0.0.1:8080".count))) == "ok")
        #expect(signer.signURL("https://maps.example.com", expires: now).hasPrefix("https://maps.example.com/?exp="))
    }

    @Test func errorsAre403ProblemDocuments() throws {
        do {
            try signer.verify(rawPath: "/x", query: "", now: now)
            Issue.record("unsigned URL accepted")
        } catch {
            #expect(error.status == 403)
            #expect(String(decoding: error.response.body, as: UTF8.self).contains("\"code\":\"auth.bad_signature\""))
        }
    }

    @Test func logRedactsTheSignature() {
        #expect(URLSigner.redacted(query: "size=1x1&exp=5&sig=SECRET") == "size=1x1&exp=5")
        let record = HTTPLogRecord(method: "GET", path: "/v1/maps/a.png", query: "sig=SECRET&exp=5", status: 200,
                                   bytes: 10, milliseconds: 1.26, peer: "127.0.0.1:1")
        #expect(RequestLogFormatter.line(record) == "GET /v1/maps/a.png?exp=5 200 10B 1.3ms 127.0.0.1:1")
    }

    // Issue 11, defect 11: a decoded %0A or %1B in the path forged or coloured a log line.
    @Test func logLinesEscapeWhatTheClientChose() {
        let record = HTTPLogRecord(method: "GET\u{7}", path: "/v1/maps/a.png\n200 1B 0.1ms 10.0.0.1:1\u{1B}[2J x\\y",
                                   query: "size=1x1", status: 404, bytes: 10, milliseconds: 1, peer: "127.0.0.1:1")
        let line = RequestLogFormatter.line(record)
        #expect(line == #"GET\x07 /v1/maps/a.png\x0A200\x201B\x200.1ms\x2010.0.0.1:1\x1B[2J\x20x\x5Cy?size=1x1 404 10B 1.0ms 127.0.0.1:1"#)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(RequestLogFormatter.escaped("/v1/maps/é.png") == "/v1/maps/é.png")
    }

    @Test func aRememberedVerificationStillExpiresAndNeverVouchesForAnotherURL() {
        let signed = signer.sign("/v1/maps/ab12.png?size=640x480", expires: now + 60)
        #expect(status(signed) == "ok")
        #expect(status(signed) == "ok")  // answered from memory
        #expect(status(signed, at: now + 61) == "auth.expired")
        #expect(status(signed.replacingOccurrences(of: "640x480", with: "641x480")) == "auth.bad_signature")
        #expect(status(signed + "&size=1x1") == "auth.bad_signature")
        let other = URLSigner(key: "another-key")
        #expect((try? other.verify(rawPath: "/v1/maps/ab12.png",
                                   query: String(signed.split(separator: "?", maxSplits: 1)[1]), now: now)) == nil)
    }
}
