/// Why the gazetteer could not be loaded; every message names the file, because start-up stops with it.
public enum GazetteerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No geodata directory or file was found; `searched` lists where we looked.
    case notFound(file: String, searched: [String])
    /// The file exists but is not a readable gazetteer (not SQLite, wrong schema, bad rows).
    case corrupt(file: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let file, let searched):
            return "geodata file \(file) not found (looked in: \(searched.joined(separator: ", "))); "
                + "pass --geodata DIR or set TRACEMAP_GEODATA_DIR"
        case .corrupt(let file, let reason):
            return "geodata file \(file) is not a usable gazetteer: \(reason)"
        }
    }
}
