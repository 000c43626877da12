import Pipeline

/// The readiness checks `/healthz` reports: geodata loaded and every store writable, each named.
///
/// | check | true when |
/// |---|---|
/// | `gazetteer` | the gazetteer holds places |
/// | `basemap` | the base map holds features at some level of detail |
/// | `geodata` | both of the above |
/// | `maps_store` | the maps database answers and a write could begin (`Connection.isWritable`) |
/// | `shipments_store` | the same for the shipments database |
///
/// Any false check makes `/healthz` answer 503 and name it under `failed`.
struct HealthChecks: Sendable {
    let engine: TraceEngine
    let maps: MapStore
    let shipments: ShipmentStore

    /// Runs every check now (a few access() calls and two empty write transactions).
    func run() -> [String: Bool] {
        let gazetteer = !engine.gazetteer.places.isEmpty
        let basemap = !engine.renderer.basemap.levels.isEmpty
        return ["gazetteer": gazetteer, "basemap": basemap, "geodata": gazetteer && basemap,
                "maps_store": maps.isReadable() && maps.isWritable(), "shipments_store": shipments.isWritable()]
    }

    /// The data versions `/healthz` reports beside the checks.
    var details: [String: String] {
        ["data_version": engine.dataVersion, "gazetteer_version": engine.gazetteer.dataVersion,
         "basemap_version": engine.renderer.basemap.dataVersion]
    }
}
