import HTTPServer
import Testing
@testable import TraceMapService

@Suite struct ServiceMetricsTests {
    @Test func prometheusTextHasCountersHistogramsAndGauges() {
        let metrics = ServiceMetrics()
        metrics.observeRequest(route: "/v1/maps/{id}", method: "GET", status: 200, seconds: 0.003)
        metrics.observeRequest(route: "/v1/maps/{id}", method: "GET", status: 200, seconds: 0.2)
        metrics.observeRequest(route: "/v1/render", method: "POST", status: 400, seconds: 20)
        metrics.observeRender(seconds: 0.04)
        var cache = ResponseCache.Statistics()
        cache.hits = 5
        cache.misses = 2
        let text = metrics.prometheusText(server: ServerStats(), cache: cache, geodataLoaded: true)
        #expect(text.contains("# TYPE tracemap_http_requests_total counter\n"))
        #expect(text.contains("tracemap_http_requests_total{route=\"/v1/maps/{id}\",method=\"GET\",status=\"200\"} 2\n"))
        #expect(text.contains("tracemap_http_requests_total{route=\"/v1/render\",method=\"POST\",status=\"400\"} 1\n"))
        #expect(text.contains("# TYPE tracemap_http_request_duration_seconds histogram\n"))
        #expect(text.contains("tracemap_http_request_duration_seconds_bucket{le=\"0.005\"} 1\n"))
        #expect(text.contains("tracemap_http_request_duration_seconds_bucket{le=\"0.25\"} 2\n"))
        #expect(text.contains("tracemap_http_request_duration_seconds_bucket{le=\"10\"} 2\n"))
        #expect(text.contains("tracemap_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("tracemap_http_request_duration_seconds_count 3\n"))
        #expect(text.contains("tracemap_render_duration_seconds_bucket{le=\"0.05\"} 1\n"))
        #expect(text.contains("tracemap_cache_hits_total 5\n"))
        #expect(text.contains("tracemap_cache_misses_total 2\n"))
        #expect(text.contains("tracemap_http_open_connections 0\n"))
        #expect(text.contains("tracemap_geodata_loaded 1\n"))
        // Every sample line belongs to a declared metric family.
        let declared = Set(text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] })
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            let family = ["_bucket", "_sum", "_count"].reduce(Substring(name)) { name, suffix in
                declared.contains(name) ? name : (name.hasSuffix(suffix) ? name.dropLast(suffix.count) : name)
            }
            #expect(declared.contains(family), "\(line)")
        }
    }

    @Test func labelValuesAreEscaped() {
        #expect(ServiceMetrics.label("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }
}
