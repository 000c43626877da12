import Foundation

/// Where the service keeps its own files (the shipments store, the maps database).
public enum ServiceDataDirectory {
    /// The default when neither a flag nor `TRACEMAP_DATA_DIR` names one.
    public static let defaultPath = "tracemap-data"

    /// The data directory: `explicit`, else `$TRACEMAP_DATA_DIR`, else `./tracemap-data`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["TRACEMAP_DATA_DIR"], !env.isEmpty { return env }
        return defaultPath
    }

    /// The shipments database path inside the data directory.
    public static func shipmentsPath(explicit: String?) -> String {
        (resolve(explicit: explicit) as NSString).appendingPathComponent("shipments.sqlite")
    }
}
