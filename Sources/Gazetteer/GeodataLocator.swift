import Foundation

/// Finds the geodata directory: an explicit option, then `TRACEMAP_GEODATA_DIR`, then next to the executable
/// (walking up from its directory, so `.build/release/tracemap` in a checkout finds `<repo>/geodata`), then
/// `./geodata`.
public struct GeodataLocator: Sendable {
    /// The environment variable that names the geodata directory.
    public static let environmentVariable = "TRACEMAP_GEODATA_DIR"
    /// The file whose presence marks a geodata directory.
    public static let gazetteerFile = "gazetteer.sqlite"

    public var explicitDirectory: String?
    public var environment: [String: String]
    public var executablePath: String?
    public var currentDirectory: String

    public init(explicitDirectory: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = Bundle.main.executablePath ?? CommandLine.arguments.first,
                currentDirectory: String = FileManager.default.currentDirectoryPath)
    {
        self.explicitDirectory = explicitDirectory
        self.environment = environment
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    /// The directories tried, in order.
    public var candidates: [String] {
        if let explicitDirectory { return [explicitDirectory] }
        if let dir = environment[Self.environmentVariable], !dir.isEmpty { return [dir] }
        var result: [String] = []
        if let executablePath {
            var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<8 {
                result.append(dir.appendingPathComponent("geodata").path)
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        result.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("geodata").path)
        return result
    }

    /// The geodata directory holding `gazetteer.sqlite`.
    ///
    /// An explicit directory or the environment variable is taken as given (a missing file there is an error,
    /// not a reason to look elsewhere).
    /// - Throws: `GazetteerError.notFound` naming the file and the places searched.
    public func directory() throws -> String {
        let dirs = candidates
        for dir in dirs where FileManager.default.fileExists(atPath: dir + "/" + Self.gazetteerFile) {
            return dir
        }
        let file = dirs.count == 1 ? dirs[0] + "/" + Self.gazetteerFile : Self.gazetteerFile
        throw GazetteerError.notFound(file: file, searched: dirs)
    }

    /// The path of `gazetteer.sqlite`.
    public func gazetteerPath() throws -> String { try directory() + "/" + Self.gazetteerFile }
}
