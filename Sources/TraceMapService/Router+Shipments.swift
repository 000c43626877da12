import HTTPServer

extension Router {
    /// Adds the shipments API and webhooks (`ShipmentService`), each route under its template so metrics and 405
    /// answers work as for every other route. Mount it before routes that could overlap.
    public mutating func mount(_ shipments: ShipmentService) {
        let forward: Handler = { request, _ in
            guard let response = try shipments.handle(request) else { throw HTTPError.notFound() }
            return response
        }
        add("POST", "/v1/webhooks/kuaidi100", forward)
        add("POST", "/v1/webhooks/kdniao", forward)
        add("PUT", "/v1/shipments/{carrier}/{number}", forward)
        add("GET", "/v1/shipments/{carrier}/{number}", forward)
        add("GET", "/v1/shipments/{carrier}/{number}/map.{format}", forward)
        add("GET", "/v1/shipments/{carrier}/{number}/page", forward)
        add("GET", "/v1/shipments/{carrier}/{number}/route.geojson", forward)
        add("GET", "/v1/shipments/{carrier}/{number}/events", forward)
    }
}
