// TraceMapService: The TraceMap HTTP handlers: render, geocode, maps, shipments, webhooks, signing, caching and metrics.
