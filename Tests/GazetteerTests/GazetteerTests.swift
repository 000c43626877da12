import Foundation
import Geo
import Testing
@testable import Gazetteer

@Suite struct GazetteerTests {
    @Test func walksTheHierarchy() throws {
        let g = try TestGazetteer.small()
        let town = try #require(g.lookup(name: "石楼镇").first?.place)
        #expect(g.ancestors(of: town).map { g[$0].name } == ["番禺区", "广州市", "广东省", "中国"])
        let city = try #require(g.lookup(name: "广州").first?.place)
        #expect(g.children(of: city).map { g[$0].name } == ["番禺区"])
        #expect(g.isSelfOrAncestor(city, of: town))
        #expect(!g.isSelfOrAncestor(town, of: city))
        #expect(g.enclosing(town, level: .city).map { g[$0].name } == "广州市")
    }

    @Test func findsAdcodesInEveryWriting() throws {
        let g = try TestGazetteer.small()
        #expect(g.place(adcode: "440113").map { g[$0].name } == "番禺区")
        #expect(g.place(adcode: "CN440113110000").map { g[$0].name } == "石楼镇")
        // An unknown town falls back to its county, an unknown county to its city.
        #expect(g.place(adcode: "CN440113999000").map { g[$0].name } == "番禺区")
        #expect(g.place(adcode: "CN440199000000").map { g[$0].name } == "广州市")
        #expect(g.place(adcode: "CN44") == nil)
        #expect(g.place(adcode: "abcdef") == nil)
    }

    @Test func rejectsNamesOfUnknownPlaces() {
        #expect(throws: GazetteerError.self) {
            try Gazetteer(places: [], names: [("广州", 99, .short, 1)], siteWords: [])
        }
    }

    @Test func searchRanksExactThenPrefixThenContains() throws {
        let g = try TestGazetteer.small()
        let hits = g.search("广州").map { g[$0.index].name }
        #expect(hits.first == "广州市")
        #expect(g.search("Los Angeles").map { g[$0.index].name }.first == "Los Angeles")
        #expect(g.search("los ang").first.map { $0.match } == .prefix)
        #expect(g.search("   ").isEmpty)
    }

    @Test func realGazetteerFindsPanyuAndLosAngeles() throws {
        let g = TestGazetteer.real
        let panyu = try #require(g.search("番禺").first)
        #expect(g[panyu.index].code == "440113")
        #expect(g[panyu.index].coordinate.kilometres(to: Coordinate(lat: 22.94, lon: 113.38)) < 10)
        let la = try #require(g.search("Los Angeles").first)
        #expect(g[la.index].country == "US")
        #expect(g[la.index].coordinate.kilometres(to: Coordinate(lat: 34.05, lon: -118.24)) < 20)
        #expect(!g.dataVersion.isEmpty)
    }

    @Test func missingAndCorruptFilesNameTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let missing = dir.appendingPathComponent("gazetteer.sqlite").path
        do {
            _ = try Gazetteer.load(path: missing)
            Issue.record("a missing file loaded")
        } catch let error as GazetteerError {
            #expect(error.description.contains(missing))
        }
        try Data("this is not a database".utf8).write(to: URL(fileURLWithPath: missing))
        do {
            _ = try Gazetteer.load(path: missing)
            Issue.record("a corrupt file loaded")
        } catch let error as GazetteerError {
            guard case .corrupt(let file, _) = error else { Issue.record("expected corrupt, got \(error)"); return }
            #expect(file == missing)
        }
    }

    @Test func locatorPrefersOptionThenEnvironmentThenExecutable() throws {
        let explicit = GeodataLocator(explicitDirectory: "/nowhere", environment: ["TRACEMAP_GEODATA_DIR": "/env"])
        #expect(explicit.candidates == ["/nowhere"])
        #expect(throws: GazetteerError.self) { try explicit.directory() }
        let env = GeodataLocator(environment: ["TRACEMAP_GEODATA_DIR": "/env"])
        #expect(env.candidates == ["/env"])
        let walk = GeodataLocator(environment: [:], executablePath: TestGazetteer.root + "/.build/release/tracemap",
                                  currentDirectory: "/tmp")
        #expect(try walk.directory() == TestGazetteer.root + "/geodata")
    }
}
