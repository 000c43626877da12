import MCP

/// The tools' names (stable: agents and their configurations name them), descriptions and schemas.
extension TraceMapToolbox {
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
        static let states = ["collected", "in-transit", "out-for-delivery", "delivered", "problem", "returning", "customs",
                         "unknown"]

    /// `{state, current_place, progress, remaining_km}` and the given extra properties.
    static func summarySchema(_ extra: [String: Any] = [:], required extraRequired: [String] = []) -> [String: Any] {
        var properties: [String: Any] = [
            "state": ["type": "string", "enum": states, "description": "the parcel's state"],
            "current_place": ["type": ["string", "null"], "description": "where the parcel was last scanned"],
            "progress": ["type": ["number", "null"], "minimum": 0, "maximum": 1,
                         "description": "share of the route travelled, null when the destination is unknown"],
            "remaining_km": ["type": ["number", "null"], "minimum": 0,
                             "description": "distance left along the route, null when the destination is unknown"],
            "eta": ["type": "object", "required": ["likely", "earliest", "latest", "basis", "sample_size"],
                    "description": "estimated delivery (ISO 8601, destination's offset) with an 80% interval; absent "
                        + "when the destination is unknown or the parcel is delivered",
                    "properties": ["likely": ["type": "string"], "earliest": ["type": "string"],
                                   "latest": ["type": "string"], "basis": ["type": "string", "enum": ["history", "prior"]],
                                   "sample_size": ["type": "integer", "minimum": 0]]],
        ]
        for (key, value) in extra { properties[key] = value }
        return ["type": "object", "properties": properties,
                "required": ["state", "current_place", "progress", "remaining_km"] + extraRequired]
    }

    static var traceProperty: [String: Any] {
        ["description": "a parcel trace in any supported format: a Kdniao or Kuaidi100 response or push, or "
            + "{carrier, number, events: [{time, text}]}; an object, or the same JSON as a string",
         "type": ["object", "array", "string"]]
    }
    static var keyProperties: [String: Any] {
        ["carrier": ["type": "string", "description": "carrier code or name of a stored shipment (SF, zto, 中通…)"],
         "number": ["type": "string", "description": "tracking number of a stored shipment"]]
    }

    static let definitions: [MCPTool] = [
        MCPTool(
            name: "render_route_map", title: "Route map of a parcel",
            description: "Draws a parcel's route map: travelled part solid, the rest dashed, a marker where it is "
                + "now. Give a trace, or carrier and number of a shipment TraceMap stores. Returns the image (PNG, or "
                + "SVG text), the state, current place, progress and distance left, and map_url, a permanent link "
                + "to the map when the service has a public address. Show the image to the user.",
            inputSchema: ["type": "object", "additionalProperties": false, "properties": [
                "trace": traceProperty,
                "carrier": keyProperties["carrier"]!, "number": keyProperties["number"]!,
                "size": ["type": "string", "pattern": "^[0-9]{2,4}x[0-9]{2,4}$", "description": "WIDTHxHEIGHT, default 800x600"],
                "scale": ["type": "integer", "minimum": 1, "maximum": 4, "description": "pixel density, default 1"],
                "style": ["type": "string", "description": "default, dark or minimal"],
                "lang": ["type": "string", "enum": ["zh", "en"], "description": "label language, default zh"],
                "format": ["type": "string", "enum": ["png", "svg"], "description": "default png"],
            ] as [String: Any]],
            outputSchema: summarySchema(["map_url": ["type": "string", "description": "signed permanent URL of the map"]])),
        MCPTool(
            name: "locate_trace_events", title: "Places of a trace's events",
            description: "Finds where each event of a parcel trace happened: the place (name, level, code, country, "
                + "lat, lon WGS-84, confidence), the named next stop, and the state; the same JSON as `tracemap "
                + "geocode`. Use it to explain a trace event by event.",
            inputSchema: ["type": "object", "additionalProperties": false, "required": ["trace"],
                          "properties": ["trace": traceProperty]],
            outputSchema: ["type": "object", "required": ["events", "state"], "properties": [
                "carrier": nullableString, "number": nullableString,
                "state": ["type": "string", "enum": states],
                "events": ["type": "array", "items": ["type": "object"]],
                "origin": ["type": ["object", "null"]], "destination": ["type": ["object", "null"]],
            ] as [String: Any]]),
        MCPTool(
            name: "shipment_status", title: "Where is my parcel?",
            description: "Answers \"where is my parcel?\" for a shipment TraceMap stores, in one or two sentences "
                + "in Chinese or English made only from its trace (current place, next stop, progress, distance "
                + "left, last update), with the structured fields and the last three events. Quote the answer.",
            inputSchema: ["type": "object", "additionalProperties": false, "required": ["carrier", "number"],
                          "properties": keyProperties.merging(
                              ["lang": ["type": "string", "enum": ["zh", "en"], "description": "default zh"]],
                              uniquingKeysWith: { a, _ in a })],
            outputSchema: summarySchema([
                "answer": ["type": "string"], "carrier": ["type": "string"], "carrier_name": ["type": "string"],
                "number": ["type": "string"], "state_text": ["type": "string"], "next_place": nullableString,
                "updated_at": ["type": "string"],
                "last_events": ["type": "array", "maxItems": 3, "items": ["type": "object",
                    "required": ["time", "text", "place"],
                    "properties": ["time": ["type": "string"], "text": ["type": "string"], "place": nullableString]]],
            ], required: ["answer", "carrier", "number", "last_events"])),
        MCPTool(
            name: "list_shipments", title: "Stored shipments",
            description: "Lists the shipments TraceMap stores, most recently updated first, optionally only those "
                + "in one state or updated since a time (ISO 8601).",
            inputSchema: ["type": "object", "additionalProperties": false, "properties": [
                "state": ["type": "string", "enum": states],
                "updated_since": ["type": "string", "description": "ISO 8601, e.g. 2026-12-01T08:00:00+08:00"],
                "limit": ["type": "integer", "minimum": 1, "maximum": maxListed, "description": "default 20"],
            ] as [String: Any]],
            outputSchema: ["type": "object", "required": ["shipments"], "properties": [
                "shipments": ["type": "array", "items": summarySchema([
                    "carrier": ["type": "string"], "number": ["type": "string"], "version": ["type": "integer"],
                    "updated_at": ["type": "string"],
                ], required: ["carrier", "number", "updated_at"])],
            ]]),
        MCPTool(
            name: "find_place", title: "Find a place",
            description: "Looks a place name up in TraceMap's offline gazetteer (Chinese provinces to towns, hubs' "
                + "cities, airports, world cities; Chinese, pinyin, English, codes). Returns matches best first.",
            inputSchema: ["type": "object", "additionalProperties": false, "required": ["query"], "properties": [
                "query": ["type": "string", "minLength": 1, "description": "a place name, e.g. 番禺, Yiwu, PVG"],
                "limit": ["type": "integer", "minimum": 1, "maximum": 100, "description": "default 10"],
            ] as [String: Any]],
            outputSchema: ["type": "object", "required": ["places"], "properties": [
                "places": ["type": "array", "items": ["type": "object",
                    "required": ["name", "level", "code", "country", "lat", "lon", "parents"],
                    "properties": ["name": ["type": "string"], "level": ["type": "string"], "code": nullableString,
                                   "country": ["type": "string"], "lat": ["type": "number"], "lon": ["type": "number"],
                                   "parents": ["type": "array", "items": ["type": "string"]]]]],
            ]]),
    ]
}
