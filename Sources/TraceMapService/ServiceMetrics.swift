import Glibc
import HTTPServer

/// Request counts, latency and render-time histograms, formatted in the Prometheus text exposition format.
///
/// Every label set is bounded: routes are labelled by template ("/v1/maps/{id}"), never by raw path, and a request
/// no template matched counts under route `other`; a method outside `knownMethods` counts as `other`. Made-up
/// methods and paths therefore add no series (each one used to be a label kept for ever).
///
/// Counts are kept in `shardCount` independently locked shards (plain mutexes, see `Locked`) picked by thread and
/// summed when scraped: every request records one observation, and with one lock for all, connection threads
/// answering cache hits queued on it.
public final class ServiceMetrics: Sendable {
    /// Upper bounds, in seconds, of the latency and render-time histogram buckets.
    public static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Histogram: Sendable {
        var counts = [Int](repeating: 0, count: ServiceMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0

        mutating func observe(_ seconds: Double) {
            if let bucket = ServiceMetrics.bucketBounds.firstIndex(where: { seconds <= $0 }) { counts[bucket] += 1 }
            count += 1
            sum += seconds
        }

        mutating func add(_ other: Histogram) {
            for index in counts.indices { counts[index] += other.counts[index] }
            count += other.count
            sum += other.sum
        }
    }

    struct State: Sendable {
        var requests: [RequestKey: Int] = [:]
        var latency = Histogram()
        var render = Histogram()
    }

    struct RequestKey: Hashable, Sendable {
        var route: String
        var method: String
        var status: Int
    }

    final class Shard: Sendable {
        let state = Locked(State())
    }

    /// The method labels kept as sent; any other token is counted as `other`.
    public static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    /// The label standing for every method outside `knownMethods` and every request no route matched.
    public static let other = "other"

    /// How many shards the counts are spread over (a power of two).
    static let shardCount = 16
    private let shards = (0..<ServiceMetrics.shardCount).map { _ in Shard() }

    public init() {}

    /// The calling thread's shard (threads are spread by a multiplicative hash of their id).
    private var shard: Shard {
        let hashed = UInt64(pthread_self()) &* 0x9E37_79B9_7F4A_7C15
        return shards[Int(hashed >> 60) & (Self.shardCount - 1)]
    }

    /// Counts one answered request and its duration; `route` is the matched template, nil when none matched.
    public func observeRequest(route: String?, method: String, status: Int, seconds: Double) {
        let key = RequestKey(route: route ?? Self.other, method: Self.knownMethods.contains(method) ? method : Self.other,
                             status: status)
        shard.state.withLock {
            $0.requests[key, default: 0] += 1
            $0.latency.observe(seconds)
        }
    }

    /// Records the duration of one render (cache misses only).
    public func observeRender(seconds: Double) {
        shard.state.withLock { $0.render.observe(seconds) }
    }

    /// Every shard's counts summed.
    func snapshot() -> State {
        var total = State()
        for shard in shards {
            let part = shard.state.withLock { $0 }
            total.requests.merge(part.requests, uniquingKeysWith: +)
            total.latency.add(part.latency)
            total.render.add(part.render)
        }
        return total
    }

    /// The Prometheus text (version 0.0.4) of every metric, with the transport's and the cache's counters.
    public func prometheusText(server: ServerStats?, cache: ResponseCache.Statistics?, geodataLoaded: Bool? = nil)
        -> String {
        let snapshot = snapshot()
        var out = ""
        out += "# HELP tracemap_http_requests_total Requests answered, by route, method and status.\n"
        out += "# TYPE tracemap_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status)
            < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "tracemap_http_requests_total{route=\(Self.label(key.route)),method=\(Self.label(key.method)),"
                + "status=\"\(key.status)\"} \(count)\n"
        }
        out += Self.histogram("tracemap_http_request_duration_seconds", "Time from a complete request to its answer.",
                              snapshot.latency)
        out += Self.histogram("tracemap_render_duration_seconds", "Time spent rendering a map (cache misses).",
                              snapshot.render)
        if let cache {
            out += Self.metric("tracemap_cache_hits_total", "counter", "Rendered-image cache hits.", cache.hits)
            out += Self.metric("tracemap_cache_misses_total", "counter", "Rendered-image cache misses.", cache.misses)
            out += Self.metric("tracemap_cache_evictions_total", "counter", "Entries evicted to fit.", cache.evictions)
            out += Self.metric("tracemap_cache_entries", "gauge", "Entries in the rendered-image cache.", cache.entries)
            out += Self.metric("tracemap_cache_bytes", "gauge", "Bytes held by the rendered-image cache.", cache.bytes)
        }
        if let server {
            out += Self.metric("tracemap_http_open_connections", "gauge", "Connections open now.",
                               server.openConnections)
            out += Self.metric("tracemap_http_connections_total", "counter", "Connections accepted.",
                               server.acceptedConnections)
            out += Self.metric("tracemap_http_active_requests", "gauge", "Requests being handled now.",
                               server.activeRequests)
            out += Self.metric("tracemap_http_open_streams", "gauge", "Event streams open now (maxStreams bounds them).",
                               server.openStreams)
            out += Self.metric("tracemap_http_streams_refused_total", "counter",
                               "Event streams answered 503 because maxStreams were open.", server.refusedStreams)
            out += Self.metric("tracemap_http_overloaded_total", "counter", "Requests answered 503 (queue full).",
                               server.overloadedRequests)
            out += Self.metric("tracemap_http_fast_path_total", "counter",
                               "Requests answered on the connection thread (cache hits, 304s).",
                               server.fastPathRequests)
            out += Self.metric("tracemap_http_refused_connections_total", "counter",
                               "Connections refused over the connection limit.", server.refusedConnections)
            out += Self.metric("tracemap_http_malformed_requests_total", "counter",
                               "Connections closed after an undecodable request.", server.malformedRequests)
            out += Self.metric("tracemap_http_timeouts_total", "counter", "Connections closed by a timeout.",
                               server.timedOutConnections)
        }
        if let geodataLoaded {
            out += Self.metric("tracemap_geodata_loaded", "gauge", "1 when the gazetteer and base map are loaded.",
                               geodataLoaded ? 1 : 0)
        }
        return out
    }

    private static func metric(_ name: String, _ type: String, _ help: String, _ value: Int) -> String {
        "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
    }

    private static func histogram(_ name: String, _ help: String, _ histogram: Histogram) -> String {
        var out = "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        var cumulative = 0
        for (bound, count) in zip(bucketBounds, histogram.counts) {
            cumulative += count
            out += "\(name)_bucket{le=\"\(number(bound))\"} \(cumulative)\n"
        }
        out += "\(name)_bucket{le=\"+Inf\"} \(histogram.count)\n"
        out += "\(name)_sum \(number(histogram.sum))\n\(name)_count \(histogram.count)\n"
        return out
    }

    /// A label value: quoted, with backslash, quote and newline escaped (exposition format rules).
    static func label(_ value: String) -> String {
        var out = "\""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
