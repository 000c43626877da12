import Foundation

/// Every style in a `styles/` directory, loaded and checked once.
///
/// All `*.json` files are parsed at init, so a broken style stops start-up with a message naming the file and
/// key rather than failing the first request that uses it.
public struct StyleLibrary: Sendable {
    public let directory: URL
    private let styles: [String: Style]

    /// The names of the available styles, sorted.
    public var names: [String] { styles.keys.sorted() }

    /// Loads every style in `directory`; throws `render.invalid_style` for the first broken file.
    public init(directory: URL) throws {
        self.directory = directory
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw RenderError(.invalidStyle, "cannot read the styles directory \(directory.path)")
        }
        var styles: [String: Style] = [:]
        for file in files {
            let url = directory.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RenderError(.invalidStyle, "\(url.path): cannot be read")
            }
            let style = try Style(file: url.path, data: data)
            let stem = String(file.dropLast(5))
            guard style.name == stem else {
                throw RenderError(.invalidStyle, "\(url.path): key 'name': '\(style.name)' must match the file name '\(stem)'")
            }
            styles[stem] = style
        }
        guard !styles.isEmpty else { throw RenderError(.invalidStyle, "no styles (*.json) in \(directory.path)") }
        self.styles = styles
    }

    /// The styles directory found by `ResourceLocator` (env `TRACEMAP_STYLES_DIR`, or `styles/` near the
    /// executable or the current directory).
    public static func locate() throws -> StyleLibrary {
        guard let dir = ResourceLocator.directory(named: "styles", containing: "default.json",
                                                  environment: "TRACEMAP_STYLES_DIR")
        else {
            throw RenderError(.invalidStyle, "no styles directory found (set TRACEMAP_STYLES_DIR or run from the checkout)")
        }
        return try StyleLibrary(directory: dir)
    }

    /// The style called `name`, or `render.unknown_style` listing the ones there are.
    public func style(named name: String) throws -> Style {
        guard let style = styles[name] else {
            throw RenderError(.unknownStyle, "unknown style '\(name)' (available: \(names.joined(separator: ", ")))")
        }
        return style
    }
}
