import Foundation
import Geocoding
import Testing
@testable import TraceMapService

@Suite struct ShipmentStoreTests {
    let path: String
    init() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shipments-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("shipments.sqlite").path
    }

    func incoming(_ number: String = "SF1400000000001", trace: String, newest: TimeInterval?,
                  state: String = "in-transit", subscription: String? = nil) throws -> IncomingTrace
    {
        IncomingTrace(key: try ShipmentKey(carrier: try Carrier.named("SF"), number: number),
                      trace: Data(trace.utf8), latestEventAt: newest.map { Date(timeIntervalSince1970: $0) },
                      state: state, source: "api", subscription: subscription)
    }

    @Test func samePushTwiceGivesOneVersion() throws {
        let store = try ShipmentStore(path: path)
        #expect(try store.upsert(incoming(trace: "a", newest: 100)) == .created(version: 1))
        #expect(try store.upsert(incoming(trace: "a", newest: 100)) == .unchanged(version: 1))
        #expect(try store.get(incoming(trace: "a", newest: 100).key)?.version == 1)
        #expect(try store.history(incoming(trace: "a", newest: 100).key).map(\.outcome) == ["unchanged", "created"])
    }

    @Test func newerReplacesAndOlderNeverOverwrites() throws {
        let store = try ShipmentStore(path: path)
        _ = try store.upsert(incoming(trace: "v1", newest: 100))
        #expect(try store.upsert(incoming(trace: "v2", newest: 200, state: "delivered")) == .updated(version: 2))
        #expect(try store.upsert(incoming(trace: "old", newest: 150)) == .stale(version: 2))
        #expect(try store.upsert(incoming(trace: "no-times", newest: nil)) == .stale(version: 2))
        let record = try #require(try store.get(incoming(trace: "", newest: nil).key))
        #expect(String(decoding: record.trace, as: UTF8.self) == "v2")
        #expect(record.state == "delivered")
        #expect(record.latestEventAt == Date(timeIntervalSince1970: 200))
    }

    @Test func subscriptionStatusIsRecordedEvenWhenTheTraceIsUnchanged() throws {
        let store = try ShipmentStore(path: path)
        _ = try store.upsert(incoming(trace: "t", newest: 1, subscription: "polling"))
        _ = try store.upsert(incoming(trace: "t", newest: 1, subscription: "shutdown"))
        #expect(try store.get(incoming(trace: "t", newest: 1).key)?.subscription == "shutdown")
    }

    @Test func historyIsBounded() throws {
        let store = try ShipmentStore(path: path, historyLimit: 3)
        for i in 0..<10 { _ = try store.upsert(incoming(trace: "t\(i)", newest: Double(i))) }
        let history = try store.history(incoming(trace: "", newest: nil).key)
        #expect(history.map(\.version) == [10, 9, 8])
    }

    @Test func batchIsAllOrNothing() throws {
        let store = try ShipmentStore(path: path)
        _ = try store.upsert([incoming("A1", trace: "x", newest: 1), incoming("A2", trace: "y", newest: 1)])
        #expect(try store.count() == 2)
        #expect(try store.delete(incoming("A1", trace: "", newest: nil).key))
        #expect(try !store.delete(incoming("A1", trace: "", newest: nil).key))
        #expect(try store.count() == 1)
    }

    @Test func reopeningKeepsDataAndSchemaVersion() throws {
        do {
            let store = try ShipmentStore(path: path)
            _ = try store.upsert(incoming(trace: "kept", newest: 5))
        }
        let again = try ShipmentStore(path: path)
        #expect(try again.count() == 1)
        #expect(try again.integrityCheck() == "ok")
    }

    @Test func badKeysAreTypedErrors() throws {
        #expect(throws: ShipmentError.unknownCarrier("nope")) { try Carrier.named("nope") }
        let sf = try Carrier.named("shunfeng")
        #expect(sf == (try Carrier.named("SF")))
        #expect(throws: ShipmentError.missingNumber) { try ShipmentKey(carrier: sf, number: " ") }
        #expect(throws: ShipmentError.self) { try ShipmentKey(carrier: sf, number: "../etc/passwd") }
        #expect(throws: ShipmentError.self) { try ShipmentKey(carrier: sf, number: String(repeating: "9", count: 65)) }
    }
}
