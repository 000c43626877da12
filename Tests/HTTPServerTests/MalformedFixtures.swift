import Foundation

/// The raw requests in Fixtures/malformed: each file is sent as is; its name starts with the expected status.
struct MalformedFixture: Sendable {
    var name: String
    var bytes: [UInt8]
    var expectedStatus: Int
}

enum MalformedFixtures {
    static func load() throws -> [MalformedFixture] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("malformed")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".http") }.sorted()
        return try names.map { name in
            let status = try #require(Int(name.prefix(3)), "fixture \(name) must start with its status")
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            return MalformedFixture(name: name, bytes: [UInt8](data), expectedStatus: status)
        }
    }
}

import Testing
