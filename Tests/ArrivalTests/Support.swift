import Foundation
import Gazetteer
import Geocoding

/// Shared fixtures: the real gazetteer, geocoder and prefectures (built once per process) and trace helpers.
enum Support {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent().path

    static let gazetteer: Gazetteer = {
        do { return try Gazetteer.load(path: root + "/geodata/gazetteer.sqlite") } catch {
            fatalError("geodata/gazetteer.sqlite must load for these tests: \(error)")
        }
    }()
    static let geocoder = Geocoder(gazetteer: gazetteer)

    /// A native trace from (time, text) pairs, with an optional explicit destination, geocoded.
    static func trace(_ events: [(String, String)], carrier: String = "ZTO", destination: String? = nil) throws
        -> GeocodedTrace
    {
        var object: [String: Any] = ["carrier": carrier, "events": events.map { ["time": $0.0, "text": $0.1] }]
        if let destination { object["destination"] = destination }
        let data = try JSONSerialization.data(withJSONObject: object)
        guard let first = try geocoder.geocode(data: data).first else { throw TraceError(.badField, "no shipment") }
        return first
    }

    /// Hangzhou → Chengdu by ZTO, still in transit at its last event (2026-11-21 02:10 China time).
    static func inTransit() throws -> GeocodedTrace {
        try trace([
            ("2026-11-20 15:00:00", "【杭州市】浙江杭州西湖公司 已揽收"),
            ("2026-11-20 21:30:00", "【杭州市】快件离开【杭州转运中心】已发往【成都转运中心】"),
            ("2026-11-21 02:10:00", "【杭州市】快件已到达【杭州转运中心】"),
        ], destination: "四川省成都市武侯区")
    }

    /// Every real trace of one split (`Tests/GeocodingTests/Fixtures/real/<split>`), geocoded.
    static func real(_ split: String) throws -> [GeocodedTrace] {
        try GeocodeEvaluation(directory: root + "/Tests/GeocodingTests/Fixtures/real/" + split).cases.compactMap {
            try geocoder.geocode(data: $0.input).first
        }
    }

    static func date(_ text: String) -> Date { TraceTime.parse(text)!.date }
}
