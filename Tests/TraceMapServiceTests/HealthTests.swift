import Foundation
import Gazetteer
import Glibc
import Pipeline
import Testing
@testable import TraceMapService

/// Issue 11, defect 3: `/healthz` reports what is true (geodata loaded with its versions, both stores writable)
/// and answers 503 naming the failing check, over a real socket.
@Suite(.serialized) struct HealthTests {
    static let engine: Result<TraceEngine, any Error> = Result {
        let geodata = ProcessInfo.processInfo.environment["TRACEMAP_GEODATA_DIR"]
            ?? MapServiceTests.repoRoot.appendingPathComponent("geodata").path
        return try TraceEngine.load(geodataDirectory: geodata)
    }

    /// Whether chmod makes a directory unwritable for this process (not for root, which access() lets write).
    static let chmodBites: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("health-probe-\(UUID())").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil
        else { return false }
        defer { chmod(probe, 0o755); try? FileManager.default.removeItem(atPath: probe) }
        chmod(probe, 0o555)
        return access(probe, W_OK) != 0
    }()

    /// A started application over a fresh data directory.
    static func start(engine: TraceEngine? = nil) throws -> (TraceMapApplication, String) {
        var config = ServiceConfig()
        config.port = 0
        config.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("health-\(UUID())").path
        let app = try TraceMapApplication(config: config, engine: try engine ?? Self.engine.get(), log: { _ in })
        try app.server.start()
        return (app, config.dataDirectory)
    }

    @Test func healthyServiceReportsEveryCheckAndTheDataVersions() throws {
        let (app, _) = try Self.start()
        defer { app.server.shutdown(deadline: 1) }
        let health = try exchange(port: app.server.port, "GET", "/healthz")
        #expect(health.status == 200)
        for check in ["gazetteer", "basemap", "geodata", "maps_store", "shipments_store", "ready"] {
            #expect(health.json[check] as? Bool == true, "\(check)")
        }
        #expect(health.json["failed"] == nil)
        #expect(health.json["gazetteer_version"] as? String == app.engine.gazetteer.dataVersion)
        #expect(health.json["basemap_version"] as? String == app.engine.renderer.basemap.dataVersion)
        #expect(health.json["data_version"] as? String == app.engine.dataVersion)
    }

    @Test func removedShipmentStoreIs503NamingIt() throws {
        let (app, directory) = try Self.start()
        defer { app.server.shutdown(deadline: 1) }
        let path = ShipmentStore.defaultPath(dataDirectory: directory)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".gone")
        let health = try exchange(port: app.server.port, "GET", "/healthz")
        #expect(health.status == 503)
        #expect(health.json["status"] as? String == "unavailable")
        #expect(health.json["shipments_store"] as? Bool == false)
        #expect(health.json["maps_store"] as? Bool == true)
        #expect(health.json["failed"] as? [String] == ["shipments_store"])
        try FileManager.default.moveItem(atPath: path + ".gone", toPath: path)
        #expect(try exchange(port: app.server.port, "GET", "/healthz").status == 200)
    }

    @Test(.enabled(if: HealthTests.chmodBites, "chmod does not stop this user (root) from writing"))
    func readOnlyDataDirectoryIs503NamingBothStores() throws {
        let (app, directory) = try Self.start()
        defer { app.server.shutdown(deadline: 1) }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        for file in files { chmod(directory + "/" + file, 0o444) }
        chmod(directory, 0o555)
        defer {
            chmod(directory, 0o755)
            for file in files { chmod(directory + "/" + file, 0o644) }
        }
        let health = try exchange(port: app.server.port, "GET", "/healthz")
        #expect(health.status == 503)
        #expect(health.json["failed"] as? [String] == ["maps_store", "shipments_store"])
    }

    @Test func emptyGazetteerIs503NamingGeodata() throws {
        let real = try Self.engine.get()
        let empty = TraceEngine(gazetteer: try Gazetteer(places: [], names: [], siteWords: []), renderer: real.renderer)
        let (app, _) = try Self.start(engine: empty)
        defer { app.server.shutdown(deadline: 1) }
        let health = try exchange(port: app.server.port, "GET", "/healthz")
        #expect(health.status == 503)
        #expect(health.json["gazetteer"] as? Bool == false)
        #expect(health.json["basemap"] as? Bool == true)
        #expect(health.json["failed"] as? [String] == ["gazetteer", "geodata"])
    }
}
