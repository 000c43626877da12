import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPServer

/// The server over a real loopback socket. Serialized: the machine is small and some tests measure timeouts.
@Suite(.serialized) struct HTTPServerSocketTests {
    @Test func answersWithDateContentLengthAndBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /hello?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /hello ")
            #expect(response.headers["Content-Length"] == "11")
            #expect(response.headers["X-Query"] == "x=1")
            #expect(response.headers["Date"]?.hasSuffix("GMT") == true)
            #expect(response.headers["Connection"] == nil)
        }
    }

    @Test func servesIPv6Loopback() throws {
        try withServer(host: "::1") { server in
            let client = try TestClient(port: server.port, host: "::1")
            try client.send("GET /six HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try client.readResponse().text == "GET /six ")
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            for index in 0..<5 {
                try client.send("POST /n\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n\(index)")
                #expect(try client.readResponse().text == "POST /n\(index) \(index)")
            }
            #expect(server.stats.acceptedConnections == 1)
            #expect(server.stats.totalRequests == 5)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        // The first request is slow, so a server that answered out of order would send /2 first.
        let handler: HTTPServer.Handler = { request in
            if request.path == "/1" { usleep(100_000) }
            return try echoHandler(request)
        }
        var limits = ServerLimits()
        limits.workerCount = 2
        try withServer(limits: limits, handler: handler) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /3 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let texts = try (0..<4).map { _ in try client.readResponse().text }
            #expect(texts == ["GET /1 ", "GET /2 ", "POST /3 hi", "GET /4 "])
            #expect(client.isClosedByPeer())
        }
    }

    @Test func headHasTheHeadersOfGetWithoutBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "11")  // "HEAD /page " has 11 bytes, like "GET /page "+1
            // Had a body been sent, it would be read as the start of the next response.
            try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "GET /next ")
        }
    }

    @Test func connectionCloseAndHTTP10() throws {
        try withServer { server in
            let closing = try TestClient(port: server.port)
            try closing.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try closing.readResponse().headers["Connection"] == "close")
            #expect(closing.isClosedByPeer())

            let old = try TestClient(port: server.port)
            try old.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try old.readResponse().headers["Connection"] == "close")
            #expect(old.isClosedByPeer())

            let oldKeepAlive = try TestClient(port: server.port)
            try oldKeepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try oldKeepAlive.readResponse().headers["Connection"] == "keep-alive")
            try oldKeepAlive.send("GET /b HTTP/1.0\r\n\r\n")
            #expect(try oldKeepAlive.readResponse().text == "GET /b ")
        }
    }

    @Test func chunkedRequestBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n")
            usleep(20_000)
            try client.send("5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n")
            #expect(try client.readResponse().text == "POST /up Wikipedia")
        }
    }

    @Test func expectContinueGetsInterimResponse() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("PUT /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("body")
            #expect(try client.readResponse().text == "PUT /c body")
        }
    }

    @Test func ifNoneMatchGives304() throws {
        let etag = "\"v1-abc\""
        let handler: HTTPServer.Handler = { request in
            if request.ifNoneMatch(etag) { return .notModified(etag: etag) }
            var response = HTTPResponse(status: 200, contentType: "image/png", body: [1, 2, 3])
            response.headers.set("ETag", etag)
            return response
        }
        try withServer(handler: handler) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /m HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == 200)
            #expect(first.body == [1, 2, 3])
            try client.send("GET /m HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(try #require(first.headers["ETag"]))\r\n\r\n")
            let second = try client.readResponse()
            #expect(second.status == 304)
            #expect(second.headers["ETag"] == etag)
            #expect(second.body.isEmpty)
            // The connection stays usable, so no body followed the 304.
            try client.send("GET /m HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"other\"\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func handlerErrorsBecomeProblemDocuments() throws {
        struct Unexpected: Error {}
        struct Typed: HTTPErrorConvertible {
            var httpError: HTTPError { HTTPError(status: 422, code: "trace.no_events", message: "no events") }
        }
        let handler: HTTPServer.Handler = { request in
            switch request.path {
            case "/typed": throw Typed()
            case "/http": throw HTTPError.notFound("no map")
            default: throw Unexpected()
            }
        }
        try withServer(handler: handler) { server in
            let client = try TestClient(port: server.port)
            for (path, status, code) in [("/typed", 422, "trace.no_events"), ("/http", 404, "http.not_found"),
                                         ("/other", 500, "http.internal")] {
                try client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == status)
                #expect(response.headers["Content-Type"] == "application/problem+json")
                let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                #expect(json?["code"] as? String == code)
                #expect(json?["status"] as? Int == status)
            }
        }
    }

    @Test func everyMalformedFixtureIsAnsweredAndClosed() throws {
        let fixtures = try MalformedFixtures.load()
        try withServer(limits: quickLimits()) { server in
            for fixture in fixtures {
                let client = try TestClient(port: server.port)
                try client.send(fixture.bytes)
                let response = try client.readResponse()
                #expect(response.status == fixture.expectedStatus, "\(fixture.name)")
                #expect(response.headers["Content-Type"] == "application/problem+json", "\(fixture.name)")
                #expect(response.headers["Connection"] == "close", "\(fixture.name)")
                #expect(client.isClosedByPeer(), "\(fixture.name)")
            }
            // Still serving after all of that.
            let client = try TestClient(port: server.port)
            try client.send("GET /alive HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(server.stats.malformedRequests == fixtures.count)
        }
    }

    @Test func oversizedContentLengthIsRefusedBeforeTheBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /r HTTP/1.1\r\nHost: x\r\nContent-Length: 20971520\r\n\r\n{")
            let response = try client.readResponse(timeout: 2)
            #expect(response.status == 413)
            #expect(response.text.contains("\"code\":\"http.body_too_large\""))
        }
    }

    @Test func hugeHeaderGets431EvenWhileTheClientKeepsSending() throws {
        try withServer(limits: quickLimits()) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 200_000) + "\r\n\r\n")
            #expect(try client.readResponse().status == 431)
        }
    }

    @Test func slowRequestTimesOutWith408AndClose() throws {
        try withServer(limits: quickLimits()) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n")  // never finished: slowloris
            let started = Clock.now
            let response = try client.readResponse(timeout: 3)
            #expect(response.status == 408)
            #expect(response.text.contains("http.timeout"))
            #expect(client.isClosedByPeer())
            #expect(Clock.now - started < 2.5)
            #expect(server.stats.timedOutConnections == 1)
        }
    }

    @Test func dripFeedingDoesNotExtendTheReadTimeout() throws {
        try withServer(limits: quickLimits()) { server in
            let client = try TestClient(port: server.port)
            let started = Clock.now
            for byte in "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghij".utf8 {
                try client.send([byte])
                usleep(20_000)
                if Clock.now - started > 1 { break }
            }
            #expect(try client.readResponse(timeout: 2).status == 408)
            #expect(Clock.now - started < 2)
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        try withServer(limits: quickLimits()) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(client.isClosedByPeer(timeout: 3))
            usleep(50_000)
            #expect(server.stats.openConnections == 0)
        }
    }

    @Test func connectionsOverTheLimitGet503() throws {
        var limits = quickLimits()
        limits.maxConnections = 1
        limits.idleTimeout = 5
        try withServer(limits: limits) { server in
            let first = try TestClient(port: server.port)
            try first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().status == 200)
            let second = try TestClient(port: server.port)
            let refused = try second.readResponse()
            #expect(refused.status == 503)
            #expect(refused.headers["Retry-After"] == "1")
            #expect(second.isClosedByPeer())
            #expect(server.stats.refusedConnections == 1)
        }
    }

    @Test func fullWorkerQueueGets503WithRetryAfter() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let handler: HTTPServer.Handler = { request in
            if request.path == "/block" {
                entered.signal()
                release.wait()
            }
            return .text("done")
        }
        var limits = quickLimits()
        limits.workerCount = 1
        limits.queueDepth = 1
        limits.retryAfterSeconds = 7
        limits.idleTimeout = 10
        try withServer(limits: limits, handler: handler) { server in
            let running = try TestClient(port: server.port)
            try running.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
            entered.wait()
            let queued = try TestClient(port: server.port)
            try queued.send("GET /queued HTTP/1.1\r\nHost: x\r\n\r\n")
            while server.pool.queuedCount < 1 { usleep(1_000) }
            let rejected = try TestClient(port: server.port)
            try rejected.send("GET /rejected HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try rejected.readResponse()
            #expect(response.status == 503)
            #expect(response.headers["Retry-After"] == "7")
            #expect(response.text.contains("http.overloaded"))
            release.signal()
            #expect(try running.readResponse().text == "done")
            #expect(try queued.readResponse().text == "done")
            #expect(server.stats.overloadedRequests == 1)
        }
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() throws {
        let entered = DispatchSemaphore(value: 0)
        let handler: HTTPServer.Handler = { request in
            if request.path == "/slow" {
                entered.signal()
                usleep(300_000)
            }
            return .text("finished \(request.path)")
        }
        var limits = ServerLimits()
        limits.workerCount = 2
        let server = HTTPServer(port: 0, limits: limits, handler: handler)
        try server.start()
        let idle = try TestClient(port: server.port)
        try idle.send("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        let busy = try TestClient(port: server.port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        entered.wait()
        let graceful = Flag()
        let done = DispatchSemaphore(value: 0)
        Thread {
            graceful.value.store(server.shutdown(deadline: 5), ordering: .releasing)
            done.signal()
        }.start()
        let response = try busy.readResponse()
        #expect(response.text == "finished /slow")
        #expect(response.headers["Connection"] == "close")
        #expect(busy.isClosedByPeer())
        #expect(idle.isClosedByPeer())  // idle keep-alive connections are closed, not waited for
        done.wait()
        let finishedInTime = graceful.value.load(ordering: .acquiring)
        #expect(finishedInTime)
        #expect(server.stats.openConnections == 0)
        #expect(throws: TestClient.Failure.self) { try TestClient(port: server.port) }  // no longer accepting
    }

    @Test func shutdownDeadlineForcesStuckConnectionsClosed() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let server = HTTPServer(port: 0, limits: quickLimits()) { _ in
            entered.signal()
            release.wait()
            return .text("late")
        }
        try server.start()
        let client = try TestClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        entered.wait()
        let started = Clock.now
        #expect(server.shutdown(deadline: 0.2) == false)
        #expect(Clock.now - started < 2)
        release.signal()
    }

    @Test func logsOneRecordPerRequest() throws {
        let records = Mutex<[HTTPLogRecord]>([])
        try withServer(logger: { record in records.withLock { $0.append(record) } }) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET /a?sig=secret HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()
            _ = try client.readResponse(head: true)
        }
        let logged = records.withLock { $0 }
        #expect(logged.count == 2)
        #expect(logged.map(\.path) == ["/a", "/b"])
        #expect(logged[0].bytes == 7 && logged[1].bytes == 0)
        #expect(logged[0].line.hasPrefix("GET /a 200 7B "))
        #expect(!logged[0].line.contains("secret"))
    }
}

/// A Bool that a background thread sets and the test reads.
final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
