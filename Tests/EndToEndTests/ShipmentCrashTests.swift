import Digest
import Foundation
import SQLite
import TestSupport
import Testing

/// Crash safety of the shipments store, shown: pushes from several clients, `kill -9` partway, restart, and every
/// push that got a success reply must be there, in a store that passes `PRAGMA integrity_check`.
@Suite(.serialized) struct ShipmentCrashTests {
    static let salt = "crash-test-salt"

    /// A signed Kuaidi100 push body for one shipment.
    static func pushBody(number: String, minute: Int) -> [UInt8] {
        let param = """
        {"status":"polling","message":"","lastResult":{"message":"ok","state":"0","status":"200","com":"ems",\
        "nu":"\(number)","data":[{"context":"【广州市】快件已到达 广州白云转运中心","time":"2026-11-20 10:\(String(format: "%02d", minute % 60)):00",\
        "ftime":"2026-11-20 10:00:00","areaName":"广东,广州市","areaCode":"CN440100000000"},\
        {"context":"【深圳市】已收寄","time":"2026-11-20 08:00:00","ftime":"2026-11-20 08:00:00"}]}}
        """
        let sign = MD5.hex(param + salt).uppercased()
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
        allowed.insert(charactersIn: "-._~")
        let body = "param=\(param.addingPercentEncoding(withAllowedCharacters: allowed)!)&sign=\(sign)"
        return Array(body.utf8)
    }

    /// Thread-safe record of what the clients saw; the lock guards both fields.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var numbers: [String] = []
        private var sent = 0
        func attempt() { lock.withLock { sent += 1 } }
        func acknowledge(_ number: String) { lock.withLock { numbers.append(number) } }
        var acknowledged: [String] { lock.withLock { numbers } }
        var attempted: Int { lock.withLock { sent } }
    }

    static func post(port: Int, number: String, minute: Int) -> Bool {
        let body = pushBody(number: number, minute: minute)
        let head = "POST /v1/webhooks/kuaidi100 HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded"
            + "\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        guard let client = try? TestClient(port: port), (try? client.send(Array(head.utf8) + body)) != nil,
              let response = try? client.readResponse(timeout: 10)
        else { return false }
        return response.status == 200 && response.text.replacingOccurrences(of: " ", with: "").contains(#""result":true"#)
    }

    @Test func everyAcknowledgedPushSurvivesKillMinus9() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)").path
        let environment = ["TRACEMAP_KUAIDI100_SALT": Self.salt]
        let server = try ServerProcess(dataDirectory: data, environment: environment)
        let clients = 4, perClient = 60
        let tally = Tally()
        let port = server.port
        let group = DispatchGroup()
        for client in 0..<clients {
            DispatchQueue.global().async(group: group) {
                for i in 0..<perClient {
                    let number = "CRASH\(client)N\(i)"
                    tally.attempt()
                    if Self.post(port: port, number: number, minute: i) { tally.acknowledge(number) }
                }
            }
        }
        // Kill the server partway: once a quarter of the pushes were acknowledged.
        let killAfter = clients * perClient / 4
        let deadline = Date().addingTimeInterval(60)
        while tally.acknowledged.count < killAfter && Date() < deadline { usleep(2_000) }
        server.crash()
        group.wait()
        let acked = tally.acknowledged
        #expect(acked.count >= killAfter, "the server acknowledged too few pushes before the kill")
        #expect(acked.count < clients * perClient, "the kill landed after every push: nothing was interrupted")

        let restarted = try ServerProcess(dataDirectory: data, environment: environment)
        var missing: [String] = []
        for number in acked {
            let response = try restarted.request("GET /v1/shipments/ems/\(number) HTTP/1.1\r\nHost: t\r\n\r\n")
            if response.status != 200 { missing.append(number) }
        }
        #expect(missing.isEmpty, "acknowledged but lost after kill -9: \(missing)")
        _ = restarted.stop()

        let store = try Connection(path: data + "/shipments.sqlite", mode: .readOnly)
        let integrity = try store.query("PRAGMA integrity_check") { $0.string(0) }
        #expect(integrity == ["ok"])
        let stored = try store.query("SELECT count(*) FROM shipments") { $0.int(0) }.first ?? 0
        #expect(stored >= acked.count)
        print("crash test: \(tally.attempted) pushes sent by \(clients) clients, "
            + "\(acked.count) acknowledged before kill -9, \(acked.count - missing.count) of them present after "
            + "restart, \(stored) shipments stored, integrity_check \(integrity.joined())")
    }
}
