import Foundation
import Testing
import HTTPServer
@testable import TraceMapService

@Suite struct ServiceConfigTests {
    func writeConfig(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tracemap-config-\(UUID()).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsWithoutFileOrEnvironment() throws {
        let config = try ServiceConfig.load(environment: [:])
        #expect(config == ServiceConfig())
        #expect(config.port == 8080)
        #expect(config.signingKey == nil)
        #expect(config.limits.maxBodyBytes == 8 * 1024 * 1024)
    }

    @Test func environmentWinsOverTheFile() throws {
        let path = try writeConfig(#"{"port": 9000, "signingKey": "from-file", "apiKey": "file-api", "maxBodyBytes": 1024, "readTimeout": 2.5, "signedURLLifetime": "2h"}"#)
        let config = try ServiceConfig.load(file: path, environment: [
            "TRACEMAP_PORT": "9100", "TRACEMAP_SIGNING_KEY": "from-env", "TRACEMAP_DATA_DIR": "/tmp/tm",
            "TRACEMAP_CACHE_BYTES": "", "UNRELATED": "x",
        ])
        #expect(config.port == 9100)
        #expect(config.signingKey == "from-env")
        #expect(config.apiKey == "file-api")
        #expect(config.cacheBytes == ServiceConfig().cacheBytes)  // an empty variable (not a secret's) is unset
        #expect(config.dataDirectory == "/tmp/tm")
        #expect(config.limits.maxBodyBytes == 1024)
        #expect(config.limits.readTimeout == 2.5)
        #expect(config.signedURLLifetime == 7200)
    }

    @Test func everySettingHasAUniqueKeyAndVariable() {
        let keys = ServiceConfig.settings.map(\.key), variables = ServiceConfig.settings.map(\.environment)
        #expect(Set(keys).count == keys.count)
        #expect(Set(variables).count == variables.count)
        #expect(variables.allSatisfy { $0.hasPrefix("TRACEMAP_") })
        for required in ["TRACEMAP_SIGNING_KEY", "TRACEMAP_API_KEY", "TRACEMAP_DATA_DIR", "TRACEMAP_PORT"] {
            #expect(variables.contains(required))
        }
    }

    @Test func badValuesNameTheirSource() throws {
        #expect(throws: ServiceConfigError.invalidValue(setting: "TRACEMAP_PORT", value: "80a",
                                                        expected: "an integer in 0...65535")) {
            try ServiceConfig.load(environment: ["TRACEMAP_PORT": "80a"])
        }
        #expect(throws: ServiceConfigError.self) { try ServiceConfig.load(environment: ["TRACEMAP_PORT": "70000"]) }
        #expect(throws: ServiceConfigError.self) {
            try ServiceConfig.load(environment: ["TRACEMAP_READ_TIMEOUT": "-1"])
        }
        let typo = try writeConfig(#"{"prot": 1}"#)
        #expect(throws: ServiceConfigError.invalidFile(typo, "unknown setting 'prot'")) {
            try ServiceConfig.load(file: typo, environment: [:])
        }
        let notJSON = try writeConfig("port = 1")
        #expect(throws: ServiceConfigError.invalidFile(notJSON, "not a JSON object")) {
            try ServiceConfig.load(file: notJSON, environment: [:])
        }
        let wrongType = try writeConfig(#"{"port": [1]}"#)
        #expect(throws: ServiceConfigError.self) { try ServiceConfig.load(file: wrongType, environment: [:]) }
        #expect(throws: ServiceConfigError.unreadableFile("/nonexistent/tracemap.json")) {
            try ServiceConfig.load(file: "/nonexistent/tracemap.json", environment: [:])
        }
    }

    // Issue 11, defects 2 and 13: an empty secret was a runtime trap (file) or silently "unsigned" (environment).
    @Test(arguments: ["signingKey", "apiKey", "kuaidi100Salt", "kdniaoAppKey"])
    func emptySecretsAreRefusedFromEverySource(key: String) throws {
        let file = try writeConfig("{\"\(key)\": \"\"}")
        #expect(throws: ServiceConfigError.self) { try ServiceConfig.load(file: file, environment: [:]) }
        let setting = try #require(ServiceConfig.settings.first { $0.key == key })
        #expect(throws: ServiceConfigError.invalidValue(setting: setting.environment, value: " ",
                                                        expected: "a non-empty string (unset it to turn it off)")) {
            try ServiceConfig.load(environment: [setting.environment: " "])
        }
        #expect(throws: ServiceConfigError.self) { try ServiceConfig.load(environment: [setting.environment: ""]) }
    }

    @Test func durations() {
        #expect(ServiceConfig.parseDuration("3600") == 3600)
        #expect(ServiceConfig.parseDuration("90s") == 90)
        #expect(ServiceConfig.parseDuration("15m") == 900)
        #expect(ServiceConfig.parseDuration("1h") == 3600)
        #expect(ServiceConfig.parseDuration("7d") == 604_800)
        #expect(ServiceConfig.parseDuration("0") == nil)
        #expect(ServiceConfig.parseDuration("-1h") == nil)
        #expect(ServiceConfig.parseDuration("h") == nil)
        #expect(ServiceConfig.parseDuration("1w") == nil)
        #expect(ServiceConfig.parseDuration("99999999999999999999d") == nil)
    }
}
