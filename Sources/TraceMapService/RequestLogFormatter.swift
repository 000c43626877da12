import HTTPServer

/// The one log line per request: method, path and query without the signature, status, bytes, milliseconds.
///
/// `GET /v1/maps/ab12.png?size=640x480&exp=1900000000 200 48213B 3.4ms 127.0.0.1:52344`
public enum RequestLogFormatter {
    public static func line(_ record: HTTPLogRecord) -> String {
        let query = URLSigner.redacted(query: record.query)
        let target = query.isEmpty ? record.path : record.path + "?" + query
        let milliseconds = (record.milliseconds * 10).rounded() / 10
        return "\(record.method) \(target) \(record.status) \(record.bytes)B \(milliseconds)ms \(record.peer)"
    }
}
