import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPServer

/// Streamed responses over a real socket: chunks as they come, heartbeats, the `maxStreams` limit, a client that
/// leaves, and shutdown closing streams. A stream holds its connection thread, never a worker.
@Suite(.serialized) struct HTTPServerStreamTests {
    /// The channels the handler opened, in order, so a test can push into them.
    final class Channels: Sendable {
        let opened = Mutex<[HTTPStreamChannel]>([])
        let closed = Atomic<Int>(0)

        func last() -> HTTPStreamChannel? { opened.withLock { $0.last } }

        /// `/stream` answers an event stream; anything else is echoed.
        var handler: HTTPServer.Handler {
            { [self] request in
                guard request.path == "/stream" else { return try echoHandler(request) }
                let channel = HTTPStreamChannel()
                channel.onClose { [self] in closed.add(1, ordering: .relaxed) }
                channel.send(Array("hello\n\n".utf8))
                opened.withLock { $0.append(channel) }
                return .stream(contentType: "text/event-stream", source: channel,
                               heartbeat: Array(": keep-alive\n\n".utf8))
            }
        }
    }

    static let streamRequest = "GET /stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"

    @Test func chunksGoOutAsTheyComeWithHeartbeatsWhileIdle() throws {
        let channels = Channels()
        var limits = ServerLimits()
        limits.workerCount = 1
        limits.streamHeartbeatInterval = 0.3
        try withServer(limits: limits, handler: channels.handler) { server in
            let client = try TestClient(port: server.port)
            try client.send(Self.streamRequest)
            let head = try client.readStreamHead()
            #expect(head.status == 200)
            #expect(head.headers["Transfer-Encoding"] == "chunked")
            #expect(head.headers["Content-Length"] == nil)
            #expect(head.headers["Connection"] == "close")
            #expect(head.headers["Content-Type"] == "text/event-stream")
            #expect(try client.readEvent() == "hello")
            #expect(server.openStreams == 1)

            // The only worker is free: an ordinary request is answered while the stream stays open.
            let other = try TestClient(port: server.port)
            try other.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try other.readResponse(timeout: 1).text == "GET /plain ")

            let pushed = Clock.now
            try #require(channels.last()).send(Array("data: 2\n\n".utf8))
            #expect(try client.readEvent(timeout: 1) == "data: 2")
            #expect(Clock.now - pushed < 0.2)

            let idleFrom = Clock.now
            #expect(try client.readEvent(timeout: 2) == ": keep-alive")
            let waited = Clock.now - idleFrom
            #expect(waited > 0.1 && waited < 1.0, "heartbeat after \(waited) s")

            try #require(channels.last()).close()
            #expect(try client.readEvent(timeout: 2) == nil)  // the last chunk
            #expect(client.isClosedByPeer())
        }
    }

    @Test func streamsOverMaxStreamsGet503WhileOrdinaryRequestsStillWork() throws {
        let channels = Channels()
        var limits = ServerLimits()
        limits.maxStreams = 2
        try withServer(limits: limits, handler: channels.handler) { server in
            let open = try (0..<2).map { _ in
                let client = try TestClient(port: server.port)
                try client.send(Self.streamRequest)
                #expect(try client.readStreamHead().status == 200)
                return client
            }
            let extra = try TestClient(port: server.port)
            try extra.send(Self.streamRequest)
            let refused = try extra.readResponse()
            #expect(refused.status == 503)
            #expect(refused.headers["Content-Type"] == "application/problem+json")
            #expect(refused.text.contains("maxStreams 2"))
            #expect(refused.headers["Retry-After"] != nil)
            #expect(extra.isClosedByPeer())
            #expect(channels.closed.load(ordering: .relaxed) == 1)  // the refused stream's source was closed
            let plain = try TestClient(port: server.port)
            try plain.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try plain.readResponse().status == 200)
            #expect(server.openStreams == 2)
            _ = open
        }
    }

    @Test func aClientThatLeavesEndsItsStream() throws {
        let channels = Channels()
        try withServer(handler: channels.handler) { server in
            do {
                let client = try TestClient(port: server.port)
                try client.send(Self.streamRequest)
                #expect(try client.readStreamHead().status == 200)
                #expect(try client.readEvent() == "hello")
            }  // closed here
            let left = Clock.now
            while server.openStreams > 0 && Clock.now - left < 3 { usleep(10_000) }
            #expect(server.openStreams == 0)
            #expect(Clock.now - left < HTTPConnection.streamPeerCheckInterval + 1)
            #expect(channels.closed.load(ordering: .relaxed) == 1)
            #expect(try #require(channels.last()).send([1]) == false)
        }
    }

    @Test func shutdownClosesOpenStreamsInsteadOfWaitingForThem() throws {
        let channels = Channels()
        let server = HTTPServer(port: 0, handler: channels.handler)
        try server.start()
        let clients = try (0..<3).map { _ in
            let client = try TestClient(port: server.port)
            try client.send(Self.streamRequest)
            #expect(try client.readStreamHead().status == 200)
            #expect(try client.readEvent() == "hello")
            return client
        }
        let started = Clock.now
        let graceful = server.shutdown(deadline: 10)
        let took = Clock.now - started
        #expect(graceful)
        #expect(took < 2, "shutdown took \(took) s")
        for client in clients {
            #expect(try client.readEvent() == nil)  // each stream got its last chunk
            #expect(client.isClosedByPeer())
        }
        #expect(server.openStreams == 0)
        #expect(channels.closed.load(ordering: .relaxed) == 3)
    }

    @Test func http10StreamIsDelimitedByTheClose() throws {
        let channels = Channels()
        try withServer(handler: channels.handler) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /stream HTTP/1.0\r\n\r\n")
            let head = try client.readStreamHead()
            #expect(head.headers["Transfer-Encoding"] == nil)
            #expect(head.headers["Content-Length"] == nil)
            try #require(channels.last()).close()
            #expect(client.isClosedByPeer())
        }
    }

    @Test func chunkFraming() {
        #expect(ResponseEncoder.chunk(Array("hello".utf8)) == Array("5\r\nhello\r\n".utf8))
        #expect(ResponseEncoder.chunk([UInt8](repeating: 0x41, count: 26)).prefix(4) == Array("1a\r\n".utf8)[...])
        #expect(ResponseEncoder.lastChunk == Array("0\r\n\r\n".utf8))
    }

    @Test func channelWaitsOnItsConditionAndDropsTheOldestPastCapacity() {
        let channel = HTTPStreamChannel(capacity: 2)
        #expect(channel.next(timeout: 0.05) == .idle)
        channel.send([1]); channel.send([2]); channel.send([3])
        #expect(channel.next(timeout: 0) == .chunk([2]))
        #expect(channel.next(timeout: 0) == .chunk([3]))
        let woke = Clock.now
        Thread { usleep(50_000); channel.send([4]) }.start()
        #expect(channel.next(timeout: 5) == .chunk([4]))
        #expect(Clock.now - woke < 1)
        channel.close()
        #expect(channel.next(timeout: 5) == .end)
        #expect(channel.send([5]) == false)
    }
}
