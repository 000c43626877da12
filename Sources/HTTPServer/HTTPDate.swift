import Glibc
import Synchronization

/// Formats the `Date` header as an IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// The last second formatted and its text: the header changes once a second, not once a response.
    private static let cache = Mutex<(Int, String)>((-1, ""))

    /// The IMF-fixdate for `seconds` since the Unix epoch.
    public static func format(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// The `Date` header value for now.
    public static func now() -> String {
        let seconds = time(nil)
        return cache.withLock { cached in
            if cached.0 != seconds { cached = (seconds, format(seconds)) }
            return cached.1
        }
    }

    /// One connection's copy of the `Date` value, formatted again only when the second changes.
    ///
    /// Each connection thread keeps its own, so answering shares no lock between connections (a shared cache's
    /// mutex was the most contended point of the cached path with 64 connection threads on 2 cores).
    struct Cache {
        private var second = -1
        private var bytes: [UInt8] = []

        /// The IMF-fixdate of now.
        mutating func current() -> [UInt8] {
            let now = time(nil)
            if now != second {
                second = now
                bytes = Array(HTTPDate.format(now).utf8)
            }
            return bytes
        }
    }
}
