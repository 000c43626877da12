import Foundation

/// Finds a data directory (`styles`, `geodata`) the way the executable and the tests both need it.
///
/// Order: the environment variable when set; then `NAME/` next to the executable and in each directory above it
/// (a release binary in `.build/release/` finds the checkout's `styles/`); then the same walk from the current
/// directory. A directory counts only when it holds `marker`.
public enum ResourceLocator {
    public static func directory(named name: String, containing marker: String, environment variable: String,
                                 startingAt extraStart: String? = nil) -> URL?
    {
        let fm = FileManager.default
        if let fromEnv = ProcessInfo.processInfo.environment[variable], !fromEnv.isEmpty {
            return URL(fileURLWithPath: fromEnv, isDirectory: true)
        }
        var starts: [URL] = []
        if let extraStart { starts.append(URL(fileURLWithPath: extraStart)) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent())
        starts.append(Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? URL(fileURLWithPath: "."))
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent(name, isDirectory: true)
                if fm.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
