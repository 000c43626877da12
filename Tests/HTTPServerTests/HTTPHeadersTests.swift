import Testing
@testable import HTTPServer

@Suite struct HTTPHeadersTests {
    @Test func namesCompareCaseInsensitively() {
        var headers = HTTPHeaders([("Content-Type", "text/plain"), ("X-A", "1"), ("x-a", "2")])
        #expect(headers["content-TYPE"] == "text/plain")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.set("X-A", "3")
        #expect(headers.values(for: "x-a") == ["3"])
        headers["x-a"] = nil
        #expect(!headers.contains("X-A"))
        #expect(HTTPHeaders.sameName("Etag", "ETag"))
        #expect(!HTTPHeaders.sameName("ETag", "ETa"))
        #expect(!HTTPHeaders.sameName("a-b", "a\rb"))  // only letters fold
        #expect(!HTTPHeaders.sameName("[", "{"))
    }

    @Test func connectionTokens() {
        let headers = HTTPHeaders([("Connection", "Keep-Alive, Upgrade")])
        #expect(headers.hasToken("keep-alive", in: "connection"))
        #expect(!headers.hasToken("close", in: "connection"))
    }

    @Test func ifNoneMatchUsesWeakComparison() {
        func request(_ value: String) -> HTTPRequest {
            HTTPRequest(method: "GET", target: "/", path: "/", headers: HTTPHeaders([("If-None-Match", value)]))
        }
        #expect(request("\"abc\"").ifNoneMatch("\"abc\""))
        #expect(request("W/\"abc\"").ifNoneMatch("\"abc\""))
        #expect(request("\"x\", \"abc\"").ifNoneMatch("W/\"abc\""))
        #expect(request("*").ifNoneMatch("\"anything\""))
        #expect(!request("\"abd\"").ifNoneMatch("\"abc\""))
        #expect(!HTTPRequest(method: "GET", target: "/", path: "/").ifNoneMatch("\"abc\""))
    }

    @Test func problemDocumentIsRFC9457JSON() throws {
        let error = HTTPError(status: 400, code: "trace.invalid_json", message: "line 1: \"oops\"\n")
        let response = error.response
        #expect(response.status == 400)
        #expect(response.headers["content-type"] == "application/problem+json")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text == #"{"type":"about:blank","title":"Bad Request","status":400,"code":"trace.invalid_json","detail":"line 1: \"oops\"\n"}"#)
    }

    @Test func dateIsIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")  // RFC 9110 §5.6.7's example
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.now().hasSuffix(" GMT"))
    }
}
