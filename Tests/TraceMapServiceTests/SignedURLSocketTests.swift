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

    /// One GET with Connection: close; returns the status and the body text.
    func get(port: Int, target: String) throws -> (Int, String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }
}
