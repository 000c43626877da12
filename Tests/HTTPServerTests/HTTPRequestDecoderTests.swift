import Testing
@testable import HTTPServer

/// The decoder on plain string fixtures, without sockets.
@Suite struct HTTPRequestDecoderTests {
    func decode(_ text: String, limits: ServerLimits = ServerLimits()) throws -> [HTTPRequest] {
        try decode(Array(text.utf8), limits: limits)
    }

    func decode(_ bytes: [UInt8], limits: ServerLimits = ServerLimits()) throws -> [HTTPRequest] {
        var decoder = HTTPRequestDecoder(limits: limits)
        decoder.append(bytes)
        var requests: [HTTPRequest] = []
        while let request = try decoder.nextRequest() { requests.append(request) }
        return requests
    }

    @Test func parsesRequestLineHeadersAndQuery() throws {
        let requests = try decode("GET /v1/maps/%E5%B9%BF.png?size=800x600&lang=zh&q=a+b%26c HTTP/1.1\r\n"
            + "Host: example.com\r\nX-Custom:  padded value \t\r\nIf-None-Match: \"a\", \"b\"\r\n\r\n")
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/maps/%E5%B9%BF.png?size=800x600&lang=zh&q=a+b%26c")
        #expect(request.path == "/v1/maps/广.png")
        #expect(request.rawPath == "/v1/maps/%E5%B9%BF.png")
        #expect(request.query == "size=800x600&lang=zh&q=a+b%26c")
        #expect(request.queryItems == [QueryItem(name: "size", value: "800x600"), QueryItem(name: "lang", value: "zh"),
                                       QueryItem(name: "q", value: "a b&c")])
        #expect(request.queryValue("lang") == "zh")
        #expect(request.version == .http11)
        #expect(request.headers["HOST"] == "example.com")
        #expect(request.headers["x-custom"] == "padded value")
        #expect(request.headers.listElements(for: "if-none-match") == ["\"a\"", "\"b\""])
        #expect(request.body.isEmpty)
        #expect(request.wantsKeepAlive)
    }

    @Test func sameRequestWhenFedOneByteAtATime() throws {
        let text = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
        var decoder = HTTPRequestDecoder()
        var result: HTTPRequest?
        for byte in text.utf8 {
            #expect(result == nil)
            decoder.append([byte])
            result = try decoder.nextRequest()
        }
        #expect(result == (try decode(text)).first)
        #expect(String(decoding: try #require(result).body, as: UTF8.self) == "hello world")
        #expect(!decoder.hasPartialRequest)
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let requests = try decode("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"
            + "abcGET /3 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(requests.map(\.path) == ["/1", "/2", "/3"])
        #expect(requests[1].body == Array("abc".utf8))
    }

    @Test func partialRequestIsReportedAndHeld() throws {
        var decoder = HTTPRequestDecoder()
        #expect(!decoder.hasPartialRequest)
        decoder.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        #expect(try decoder.nextRequest() == nil)
        #expect(decoder.hasPartialRequest)
        decoder.append(Array("st: x\r\n\r\n".utf8))
        #expect(try decoder.nextRequest()?.path == "/")
        #expect(!decoder.hasPartialRequest)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\nA \r\n, chunked!\r\n0\r\nX-Checksum: 42\r\n\r\n"
        let request = try #require(try decode(text).first)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello, chunked!")
        #expect(request.trailers["x-checksum"] == "42")
        // Byte by byte gives the same result.
        var decoder = HTTPRequestDecoder()
        var last: HTTPRequest?
        for byte in text.utf8 {
            decoder.append([byte])
            if let request = try decoder.nextRequest() { last = request }
        }
        #expect(last == request)
    }

    @Test func identicalDuplicateContentLengthsAreAccepted() throws {
        let request = try #require(try decode("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").first)
        #expect(request.body == Array("ok".utf8))
    }

    @Test func absoluteFormTargetGivesItsPath() throws {
        let request = try #require(try decode("GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n").first)
        #expect(request.path == "/a/b")
        #expect(request.rawPath == "/a/b")
        #expect(request.queryValue("c") == "d")
        let bare = try #require(try decode("GET http://example.com?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").first)
        #expect(bare.path == "/")
        #expect(bare.rawPath == "/")
        #expect(bare.queryValue("x") == "1")
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
        #expect(try decode("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").map(\.path) == ["/"])
    }

    @Test func http10KeepAliveOnlyWhenAsked() throws {
        #expect(try decode("GET / HTTP/1.0\r\n\r\n").first?.wantsKeepAlive == false)
        #expect(try decode("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first?.wantsKeepAlive == true)
        #expect(try decode("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").first?.wantsKeepAlive == false)
    }

    @Test func expectContinueIsSignalledOnce() throws {
        var decoder = HTTPRequestDecoder()
        decoder.append(Array("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(try decoder.nextRequest() == nil)
        let first = decoder.takeContinueRequest(), second = decoder.takeContinueRequest()
        #expect(first)
        #expect(!second)
        decoder.append(Array("ok".utf8))
        #expect(try decoder.nextRequest()?.body == Array("ok".utf8))
    }

    @Test func limitsGiveTheirStatuses() throws {
        var limits = ServerLimits()
        limits.maxRequestLineBytes = 64
        limits.maxHeaderBytes = 256
        limits.maxHeaderCount = 3
        limits.maxBodyBytes = 10
        func status(_ text: String) -> Int? {
            do {
                _ = try decode(text, limits: limits)
                return nil
            } catch let error as HTTPError {
                return error.status
            } catch {
                return -1
            }
        }
        #expect(status("GET /" + String(repeating: "a", count: 100)) == 414)  // even before the line ends
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 300)) == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n") == 431)
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n") == 413)  // before the body
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789") == nil)
    }

    @Test func everyMalformedFixtureThrowsItsStatus() throws {
        let fixtures = try MalformedFixtures.load()
        #expect(fixtures.count >= 40)
        for fixture in fixtures {
            do {
                let requests = try decode(fixture.bytes)
                Issue.record("\(fixture.name): decoded \(requests.count) request(s) instead of failing")
            } catch let error as HTTPError {
                #expect(error.status == fixture.expectedStatus, "\(fixture.name): \(error)")
                #expect(error.code.hasPrefix("http."), "\(fixture.name)")
            }
        }
    }

    @Test func percentDecodingRejectsBadInput() {
        #expect(PercentDecoding.decode(Array("a%20b".utf8), plusAsSpace: false) == "a b")
        #expect(PercentDecoding.decode(Array("a+b".utf8), plusAsSpace: false) == "a+b")
        #expect(PercentDecoding.decode(Array("a+b".utf8), plusAsSpace: true) == "a b")
        #expect(PercentDecoding.decode(Array("%e4%B8%ad".utf8), plusAsSpace: false) == "中")
        #expect(PercentDecoding.decode(Array("%".utf8), plusAsSpace: false) == nil)
        #expect(PercentDecoding.decode(Array("%0".utf8), plusAsSpace: false) == nil)
        #expect(PercentDecoding.decode(Array("%00".utf8), plusAsSpace: false) == nil)
        #expect(PercentDecoding.decode(Array("%FF".utf8), plusAsSpace: false) == nil)
    }
}
