import Foundation
import Glibc
import HTTPServer
import Testing
@testable import TraceMapService

/// Signatures checked by a real server over loopback: valid, wrong, expired, tampered query.
@Suite(.serialized) struct SignedURLSocketTests {
    @Test func serverAnswersBySignature() throws {
        let signer = URLSigner(key: "socket-key")
        let server = HTTPServer(port: 0) { request in
            try signer.verify(request, now: Int(Date().timeIntervalSince1970))
            return .text("map")
        }
        try server.start()
        defer { server.shutdown(deadline: 1) }
        let now = Int(Date().timeIntervalSince1970)
        let valid = signer.sign("/v1/maps/%E5%B9%BF.png?size=640x480", expires: now + 3600)
        let cases: [(String, Int, String?)] = [
            (valid, 200, nil),
            (valid.replacingOccurrences(of: "640x480", with: "641x480"), 403, "auth.bad_signature"),
            (URLSigner(key: "wrong").sign("/v1/maps/%E5%B9%BF.png?size=640x480", expires: now + 3600), 403,
             "auth.bad_signature"),
            (signer.sign("/v1/maps/%E5%B9%BF.png?size=640x480", expires: now - 10), 403, "auth.expired"),
            ("/v1/maps/%E5%B9%BF.png?size=640x480", 403, "auth.bad_signature"),
        ]
        for (target, status, code) in cases {
            let (answer, body) = try get(port: server.port, target: target)
            #expect(answer == status, "\(target)")
            if let code { #expect(body.contains("\"code\":\"\(code)\""), "\(target)") }
        }
    }
}
