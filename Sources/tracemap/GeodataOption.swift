import Gazetteer
import MapRendering
import Pipeline
import SQLite

/// The `--geodata DIR` option shared by the subcommands that read the gazetteer.
enum GeodataOption {
    static let name = "--geodata"
    static let usage = "  --geodata DIR   the geodata directory (default: $TRACEMAP_GEODATA_DIR, next to the executable, ./geodata)"

    /// Loads the gazetteer from the directory the option, the environment or the executable's place names.
    /// A missing or corrupt file stops with a message naming it (exit 1).
    static func loadGazetteer(_ args: Arguments) throws -> Gazetteer {
        do {
            return try Gazetteer.load(locator: GeodataLocator(explicitDirectory: args.value(name)))
        } catch let error as GazetteerError {
            throw CommandLineError.failure(error.description)
        }
    }

    /// Loads the whole engine (gazetteer, base map, styles) from the same directory.
    static func loadEngine(_ args: Arguments) throws -> TraceEngine {
        do {
            return try TraceEngine.load(geodataDirectory: args.value(name))
        } catch let error as GazetteerError {
            throw CommandLineError.failure(error.description)
        } catch let error as RenderError {
            throw CommandLineError.failure(error.description)
        } catch let error as SQLiteError {
            throw CommandLineError.failure("geodata: \(error)")
        }
    }
}
