import Digest
import Foundation
import HTTPServer
import Pipeline
import TraceMapService

/// `tracemap bench shipments`: push throughput and shipment-map latency through the real HTTP stack on loopback.
///
/// Pushes are signed Kuaidi100 webhook bodies, one new shipment each, sent one after another on a keep-alive
/// connection; each is geocoded and committed (synchronous=FULL) before its reply. Then the map of stored
/// shipments is fetched: first fetch per shipment renders (uncached), repeats come from the cache.
enum BenchShipments {
    static func run(json: Bool, words: [String]) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: ["--pushes", "--maps", GeodataOption.name])
        let pushes = Int(args.value("--pushes") ?? "") ?? 2000
        let maps = Int(args.value("--maps") ?? "") ?? 40
        guard pushes > 0, maps > 0, maps <= pushes else { throw CommandLineError.usage("need 0 < --maps ≤ --pushes") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracemap-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = ServiceConfig()
        config.dataDirectory = directory.path
        config.kuaidi100Salt = "bench-salt"
        let engine = try TraceEngine.load(geodataDirectory: args.value(GeodataOption.name))
        let store = try ShipmentStore(path: ShipmentStore.defaultPath(dataDirectory: directory.path))
        let service = ShipmentService(store: store, engine: engine, config: config,
                                      cache: ResponseCache(capacityBytes: config.cacheBytes))
        let server = HTTPServer(host: "127.0.0.1", port: 0) { request in
            guard let response = try service.handle(request) else { throw HTTPError.notFound() }
            return response
        }
        try server.start()
        defer { _ = server.shutdown(deadline: 5) }
        let client = try LoopbackClient(port: server.port)

        var pushMs: [Double] = []
        let started = Date()
        for i in 0..<pushes {
            let body = pushBody(number: "BENCH\(i)", salt: config.kuaidi100Salt!, minute: i)
            let t0 = Date()
            let reply = try client.exchange(method: "POST", path: "/v1/webhooks/kuaidi100",
                                            headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                            body: body)
            pushMs.append(Date().timeIntervalSince(t0) * 1000)
            guard reply.status == 200 else {
                throw CommandLineError.failure("push \(i) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
            }
        }
        let pushSeconds = Date().timeIntervalSince(started)

        var uncached: [Double] = [], cached: [Double] = []
        for i in 0..<maps {
            let path = "/v1/shipments/ems/BENCH\(i)/map.png?size=800x600"
            for round in 0..<6 {
                let t0 = Date()
                let reply = try client.exchange(method: "GET", path: path)
                let ms = Date().timeIntervalSince(t0) * 1000
                guard reply.status == 200 else { throw CommandLineError.failure("map GET answered \(reply.status)") }
                if round == 0 { uncached.append(ms) } else { cached.append(ms) }
            }
        }
        return [
            ("pushes_per_s", Double(pushes) / pushSeconds, "pushes/s"),
            ("push_ms_median", median(pushMs), "ms"),
            ("push_ms_p99", percentile(pushMs, 0.99), "ms"),
            ("map_uncached_ms_median", median(uncached), "ms"),
            ("map_cached_ms_median", median(cached), "ms"),
            ("shipments", Double(try store.count()), "shipments"),
        ]
    }

    static func pushBody(number: String, salt: String, minute: Int) -> [UInt8] {
        let param = """
        {"status":"polling","message":"","lastResult":{"message":"ok","state":"0","status":"200","com":"ems",\
        "nu":"\(number)","data":[{"context":"【北京市】快件已到达 北京顺义集散中心","time":"2026-11-21 09:\(String(format: "%02d", minute % 60)):00",\
        "areaName":"北京,北京市,顺义区","areaCode":"CN110113000000"},\
        {"context":"快件离开【深圳华南陆运枢纽】，已在发往【北京顺义集散中心】的路上","time":"2026-11-21 01:03:30"},\
        {"context":"【深圳市】顺丰速运 已收取快件","time":"2026-11-20 18:02:11","areaName":"广东,深圳市"}]}}
        """
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
        allowed.insert(charactersIn: "-._~")
        let sign = MD5.hex(param + salt)
        return Array("param=\(param.addingPercentEncoding(withAllowedCharacters: allowed)!)&sign=\(sign)".utf8)
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
