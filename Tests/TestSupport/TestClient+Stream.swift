import Foundation
import HTTPServer

extension TestClient {
    /// Reads the head of a streamed response and leaves its content unread.
    public func readStreamHead(timeout: Double = 5) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        while pending.firstRange(of: separator) == nil {
            guard fill(timeout: timeout) else { throw Failure(description: "no complete response head") }
        }
        let end = pending.firstRange(of: separator)!.upperBound
        var lines = String(decoding: pending[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
            .filter { !$0.isEmpty }
        let parts = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line") }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad field \(line)") }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        pending.removeFirst(end)
        return Response(status: status, headers: headers, body: [])
    }

    /// Reads one chunk of a chunked body (RFC 9112 §7.1); nil for the last chunk.
    public func readChunk(timeout: Double = 5) throws -> [UInt8]? {
        let crlf: [UInt8] = [13, 10]
        while pending.firstRange(of: crlf) == nil {
            guard fill(timeout: timeout) else { throw Failure(description: "no chunk size line") }
        }
        let lineEnd = pending.firstRange(of: crlf)!
        let sizeText = String(decoding: pending[0..<lineEnd.lowerBound], as: UTF8.self)
        guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
            throw Failure(description: "bad chunk size '\(sizeText)'")
        }
        while pending.count < lineEnd.upperBound + size + 2 {
            guard fill(timeout: timeout) else { throw Failure(description: "chunk shorter than its size") }
        }
        let data = Array(pending[lineEnd.upperBound..<lineEnd.upperBound + size])
        pending.removeFirst(lineEnd.upperBound + size + 2)
        return size == 0 ? nil : data
    }

    /// Reads the next server-sent event block (the lines before a blank line) of a chunked `text/event-stream`,
    /// heartbeat comments included; nil when the stream ended.
    public func readEvent(timeout: Double = 5) throws -> String? {
        let blank: [UInt8] = [10, 10]
        while streamPending.firstRange(of: blank) == nil {
            guard let chunk = try readChunk(timeout: timeout) else { return nil }
            streamPending.append(contentsOf: chunk)
        }
        let end = streamPending.firstRange(of: blank)!
        let text = String(decoding: streamPending[0..<end.lowerBound], as: UTF8.self)
        streamPending.removeFirst(end.upperBound)
        return text
    }
}
