import Foundation
import Glibc
import Testing
@testable import MCP

/// A toolbox with one tool that echoes its `text`, fails on "fail" and refuses a missing argument.
struct EchoToolbox: MCPToolbox {
    let tools = [MCPTool(name: "echo", title: "Echo", description: "Returns the text it is given.",
                         inputSchema: ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]],
                         outputSchema: ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]])]

    func call(_ name: String, arguments: [String: Any]) throws -> MCPToolResult {
        guard let text = arguments["text"] as? String else { throw MCPArgumentError("text is required (a string)") }
        if text == "fail" { return .failure(code: "test.failed", message: "asked to fail") }
        return MCPToolResult(content: [.text(#"{"text":"\#(text)"}"#)], structured: ["text": text])
    }
}

/// Whether `expected` is contained in `actual`: objects by key, arrays element by element, values equal.
func isSubset(_ expected: Any, of actual: Any) -> Bool {
    switch (expected, actual) {
    case (let e as [String: Any], let a as [String: Any]):
        return e.allSatisfy { key, value in a[key].map { isSubset(value, of: $0) } ?? false }
    case (let e as [Any], let a as [Any]):
        return e.count <= a.count && zip(e, a).allSatisfy { isSubset($0, of: $1) }
    case (is NSNull, is NSNull): return true
    case (let e as NSNumber, let a as NSNumber): return e == a
    case (let e as String, let a as String): return e == a
    default: return false
    }
}

@Suite struct MCPServerTests {
    let server = MCPServer(info: .init(name: "test", version: "0", instructions: "For tests."), toolbox: EchoToolbox())

    static func fixture(_ name: String) throws -> [[String: Any]] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(doc["steps"] as? [[String: Any]])
    }

    static func bytes(_ send: Any) throws -> Data {
        if let raw = send as? String { return Data(raw.utf8) }
        return try JSONSerialization.data(withJSONObject: send)
    }

    /// Replays a fixture of raw exchanges against one session (as one stdio process would see them).
    @Test(arguments: ["modern", "legacy"])
    func recordedExchanges(name: String) throws {
        var session = MCPSession()
        for (i, step) in try Self.fixture(name).enumerated() {
            let (reply, _) = server.handle(try Self.bytes(step["send"] as Any), session: &session)
            if step["expect"] is NSNull {
                #expect(reply == nil, "\(name) step \(i): expected no reply")
                continue
            }
            guard let data = reply else {
                Issue.record("\(name) step \(i): no reply")
                continue
            }
            #expect(!data.contains(0x0A), "\(name) step \(i): a reply must be one line")
            let actual = try JSONSerialization.jsonObject(with: data)
            #expect(isSubset(step["expect"] as Any, of: actual),
                    "\(name) step \(i): \(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test func legacyResultsCarryNoModernFields() throws {
        var session = MCPSession()
        _ = server.handle(Data(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}}"#.utf8),
                          session: &session)
        #expect(session.legacyVersion == "2025-06-18")
        let (reply, _) = server.handle(Data(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#.utf8), session: &session)
        let data = try #require(reply)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let result = try #require(object["result"] as? [String: Any])
        #expect(result["resultType"] == nil && result["ttlMs"] == nil)
    }

    @Test func modernRequestsNeedNoHandshakeAndLeaveNoState() throws {
        var session = MCPSession()
        let call = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}},"name":"echo","arguments":{"text":"a"}}}"#
        let (reply, kind) = server.handle(Data(call.utf8), session: &session)
        #expect(kind == .result(method: "tools/call"))
        #expect(reply != nil && session.legacyVersion == nil)
    }

    @Test func oversizedMessagesAreRefused() throws {
        var limits = MCPLimits()
        limits.maxMessageBytes = 64
        let small = MCPServer(info: .init(name: "t", version: "0"), toolbox: EchoToolbox(), limits: limits)
        var session = MCPSession()
        let (reply, kind) = small.handle(Data(repeating: 0x20, count: 65), session: &session)
        #expect(kind == .error(method: nil, code: -32600))
        #expect(reply != nil)
    }

    /// Random bytes and truncations of valid messages: every one gets an answer or none, never a crash.
    @Test func anyBytesGetAnAnswerNotACrash() throws {
        var generator = SystemRandomNumberGenerator()
        var session = MCPSession()
        let valid = Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#.utf8)
        for length in 0...valid.count {
            _ = server.handle(Data(valid.prefix(length)), session: &session)
        }
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = server.handle(Data(bytes), session: &session)
        }
    }
}

@Suite struct MCPStdioTransportTests {
    /// Runs the transport over two pipes with `input` written and the write end closed; returns the reply lines.
    static func exchange(_ input: [UInt8], limits: MCPLimits = MCPLimits()) throws -> [String] {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
        #expect(pipe(&inPipe) == 0 && pipe(&outPipe) == 0)
        let server = MCPServer(info: .init(name: "test", version: "0"), toolbox: EchoToolbox(), limits: limits)
        let (readIn, writeIn, readOut, writeOut) = (inPipe[0], inPipe[1], outPipe[0], outPipe[1])
        let transport = MCPStdioTransport(server: server, input: readIn, output: writeOut, log: { _ in })
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { transport.run(); close(writeOut); done.signal() }
        thread.start()
        DispatchQueue.global().async {
            input.withUnsafeBytes {
                var off = 0
                while off < $0.count {
                    let n = write(writeIn, $0.baseAddress! + off, $0.count - off)
                    if n <= 0 { break }
                    off += n
                }
            }
            close(writeIn)
        }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(readOut, &buffer, buffer.count)
            if n <= 0 { break }
            output += buffer[0..<n]
        }
        done.wait()
        close(readIn); close(readOut)
        return String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func linesInRepliesOutExitsAtEndOfInput() throws {
        let list = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"#
        let lines = try Self.exchange(Array((list + "\n\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\r\nnot json\n").utf8))
        #expect(lines.count == 3, "\(lines)")  // two replies and the empty rest after the last newline
        #expect(lines[0].contains(#""protocolVersion":"2025-11-25""#))
        #expect(lines[1].contains("-32700"))
    }

    @Test func aMessageCutOffByTheEndOfInputIsStillAnswered() throws {
        let lines = try Self.exchange(Array(#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#.utf8))
        #expect(lines.first?.contains(#""id":7"#) == true, "\(lines)")
        let torn = try Self.exchange(Array(#"{"jsonrpc":"2.0","id":8,"meth"#.utf8))
        #expect(torn.first?.contains("-32700") == true, "\(torn)")
    }

    @Test func anOverlongLineIsSkippedAndTheNextOneAnswered() throws {
        var limits = MCPLimits()
        limits.maxMessageBytes = 1000
        let long = [UInt8](repeating: 0x61, count: 200_000) + [0x0A]
        let ping = Array(#"{"jsonrpc":"2.0","id":9,"method":"ping"}"#.utf8) + [0x0A]
        let lines = try Self.exchange(long + ping, limits: limits)
        #expect(lines.count == 3, "\(lines.map { $0.prefix(80) })")
        #expect(lines[0].contains("-32600"))
        #expect(lines[1].contains(#""id":9"#))
    }
}
