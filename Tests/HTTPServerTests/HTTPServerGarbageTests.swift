import Foundation
import TestSupport
import Testing
@testable import HTTPServer

/// Random and mutated bytes sent to a live server: every connection gets a well-formed answer or is closed,
/// and the server keeps serving. (The decoder alone is fuzzed much harder by `make fuzz`.)
@Suite(.serialized) struct HTTPServerGarbageTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomAndMutatedRequestsNeverStopTheServer() throws {
        var random = SplitMix(state: 20261129)
        let valid = Array("POST /v1/render?size=800x600 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8)
        var limits = quickLimits()
        limits.maxBodyBytes = 4096
        limits.readTimeout = 0.1
        limits.lingerTimeout = 0.1
        try withServer(limits: limits) { server in
            for round in 0..<150 {
                var bytes: [UInt8]
                if round % 3 == 0 {
                    bytes = (0..<Int.random(in: 1...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                } else {
                    bytes = valid
                    for _ in 0..<Int.random(in: 1...6, using: &random) {
                        let index = Int.random(in: 0..<bytes.count, using: &random)
                        switch Int.random(in: 0..<3, using: &random) {
                        case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                        case 1: bytes.remove(at: index)
                        default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                        }
                    }
                }
                let client = try TestClient(port: server.port)
                try client.send(bytes)
                // Either some response (any status) or a close; a mutated request may also be incomplete, which
                // the read timeout answers with 408.
                if let response = try? client.readResponse(timeout: 2) {
                    #expect((100...599).contains(response.status), "round \(round)")
                }
            }
            let client = try TestClient(port: server.port)
            try client.send("GET /still-alive HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "GET /still-alive ")
        }
    }
}
