import Foundation
import Geo
@testable import Gazetteer

/// Shared fixtures: a small hand-built gazetteer (no file needed) and the real one from `geodata/`.
enum TestGazetteer {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The built gazetteer, loaded once per test process.
    static let real: Gazetteer = {
        do { return try Gazetteer.load(path: root + "/geodata/gazetteer.sqlite") } catch {
            fatalError("geodata/gazetteer.sqlite must load for these tests: \(error)")
        }
    }()

    /// A tiny gazetteer: 中国 > 广东省 > 广州市 > 番禺区 > 石楼镇, plus 美国 > Los Angeles and the airport LAX.
    static func small() throws -> Gazetteer {
        let places = [
            Place(id: 1, name: "中国", level: .country, code: "CN", country: "CN", parentID: nil,
                  coordinate: Coordinate(lat: 39.9, lon: 116.4)),
            Place(id: 2, name: "广东省", shortName: "广东", level: .province, code: "440000", country: "CN", parentID: 1,
                  coordinate: Coordinate(lat: 23.13, lon: 113.26)),
            Place(id: 3, name: "广州市", shortName: "广州", nameEn: "Guangzhou", level: .city, code: "440100",
                  country: "CN", parentID: 2, coordinate: Coordinate(lat: 23.13, lon: 113.26), population: 18_000_000),
            Place(id: 4, name: "番禺区", shortName: "番禺", level: .county, code: "440113", country: "CN", parentID: 3,
                  coordinate: Coordinate(lat: 22.94, lon: 113.38)),
            Place(id: 5, name: "石楼镇", shortName: "石楼", level: .town, code: "440113110", country: "CN", parentID: 4,
                  coordinate: Coordinate(lat: 22.96, lon: 113.49)),
            Place(id: 6, name: "美国", level: .country, code: "US", country: "US", parentID: nil,
                  coordinate: Coordinate(lat: 38.9, lon: -77.0)),
            Place(id: 7, name: "Los Angeles", nameEn: "Los Angeles", nameZh: "洛杉矶", level: .foreignCity,
                  code: "5368361", country: "US", parentID: 6, admin1: "CA",
                  coordinate: Coordinate(lat: 34.05, lon: -118.24), population: 3_971_883),
            Place(id: 8, name: "Los Angeles International Airport", level: .airport, code: "LAX", country: "US",
                  parentID: 6, coordinate: Coordinate(lat: 33.94, lon: -118.41)),
        ]
        let names: [(String, Int, NameKind, Float)] = [
            ("中国", 1, .full, 1), ("广东省", 2, .full, 1), ("广东", 2, .short, 0.8), ("广州市", 3, .full, 1),
            ("广州", 3, .short, 0.8), ("guangzhou", 3, .pinyin, 0.6), ("番禺区", 4, .full, 1), ("番禺", 4, .short, 0.8),
            ("石楼镇", 5, .full, 1), ("石楼", 5, .short, 0.8), ("美国", 6, .full, 1), ("los angeles", 7, .en, 1),
            ("洛杉矶", 7, .zh, 0.9), ("lax", 8, .iata, 0.9), ("Los Angeles International Airport", 8, .en, 1),
        ]
        return try Gazetteer(places: places, names: names, siteWords: [SiteWord(word: "转运中心", kind: .hub)])
    }

    /// The texts of every name matched in `text`.
    static func matched(_ g: Gazetteer, _ text: String) -> [String] {
        let mt = MatchText(text)
        var found: [NameMatch] = []
        g.names.matches(in: mt, into: &found)
        return found.map { mt.string($0.start..<$0.end) }
    }
}
