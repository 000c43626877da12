// swift-tools-version:6.0
// TraceMap: parcel-trace route maps. No Swift package dependencies: Foundation plus system C libraries.
import PackageDescription

let package = Package(
    name: "TraceMap",
    products: [
        .executable(name: "tracemap", targets: ["tracemap"]),
    ],
    targets: [
        // System libraries (GRDB-style shims).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev", "zlib1g-dev"])]),

        // Owned wrappers over the C libraries.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Cairo", dependencies: ["CCairo", "CPNG"]),

        // Pure layers.
        .target(name: "Geo"),
        .target(name: "Digest"),
        .target(name: "Gazetteer", dependencies: ["SQLite", "Geo"]),
        .target(name: "Geocoding", dependencies: ["Gazetteer", "Geo"]),
        .target(name: "Routing", dependencies: ["Geocoding", "Geo"]),
        // Estimated delivery (issue 14): priors, history, the estimator.
        .target(name: "Arrival", dependencies: ["Geocoding", "Routing", "Geo", "Gazetteer"]),
        .target(name: "MapRendering", dependencies: ["Routing", "Geocoding", "Cairo", "SQLite", "Geo"]),
        .target(name: "HTTPServer"),
        // The Model Context Protocol: JSON-RPC messages of both eras for a toolbox, and the stdio transport.
        .target(name: "MCP"),
        // The self-contained HTML tracking page (map SVG, card, timeline, inline CSS and script).
        .target(name: "TrackingPage", dependencies: ["MapRendering", "Geocoding", "Routing", "Digest"]),
        // Trace bytes to a map: the one place where geocoder, route builder and renderer meet.
        .target(name: "Pipeline", dependencies: ["Gazetteer", "Geocoding", "Routing", "MapRendering", "Digest",
                                                "TrackingPage", "Arrival"]),
        .target(name: "Export", dependencies: ["Geocoding", "Routing", "MapRendering", "Pipeline"]),
        .target(name: "TraceMapService",
                dependencies: ["HTTPServer", "Pipeline", "Geocoding", "Routing", "MapRendering", "Digest", "SQLite", "Geo",
                               "TrackingPage",
                               "Gazetteer", "MCP", "Arrival"]),
        .executableTarget(name: "tracemap",
                          dependencies: ["TraceMapService", "Export", "Pipeline", "Geocoding", "Routing", "MapRendering",
                                         "Gazetteer", "Geo", "Digest", "SQLite", "Cairo", "HTTPServer", "TrackingPage", "MCP",
                                         "Arrival"]),

        // Tests: one target per library target, plus end-to-end over the built binary.
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "CairoTests", dependencies: ["Cairo", "TestSupport"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "SQLite", "Geo"]),
        // The built geodata files themselves: counts, known points, schema (read with the SQLite wrapper only).
        .testTarget(name: "GeodataTests", dependencies: ["SQLite", "Geo"]),
        .testTarget(name: "GeocodingTests", dependencies: ["Geocoding", "Gazetteer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "Geocoding"]),
        .testTarget(name: "ArrivalTests", dependencies: ["Arrival", "Routing", "Geocoding", "Gazetteer", "TestSupport"]),
        .testTarget(name: "MapRenderingTests", dependencies: ["MapRendering", "Routing", "Geocoding", "Gazetteer"],
                    resources: [.copy("Fixtures")]),
        // Helpers shared by the test targets: a raw loopback HTTP client, a server process runner, a GIF decoder.
        .target(name: "TestSupport", dependencies: ["HTTPServer"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TraceMapServiceTests",
                    dependencies: ["TraceMapService", "HTTPServer", "Pipeline", "TestSupport", "TrackingPage", "Gazetteer"]),
        .testTarget(name: "TrackingPageTests",
                    dependencies: ["TrackingPage", "MapRendering", "Geocoding", "Gazetteer", "Geo", "Digest"]),
        .testTarget(name: "ExportTests", dependencies: ["Export"]),
        .testTarget(name: "MCPTests", dependencies: ["MCP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Digest", "SQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
