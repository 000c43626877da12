import HTTPServer
import Testing
@testable import TraceMapService

@Suite struct RouterTests {
    func request(_ method: String, _ path: String) -> HTTPRequest {
        HTTPRequest(method: method, target: path, path: path)
    }

    var router: Router {
        var router = Router()
        router.add("GET", "/v1/maps/{id}.{format}") { _, match in
            .text("map \(match["id"]!) as \(match["format"]!)")
        }
        router.add("POST", "/v1/maps") { _, _ in .text("created", status: 201) }
        router.add("POST", "/v1/render") { _, _ in .text("rendered") }
        router.add("GET", "/") { _, _ in .text("home") }
        return router
    }

    func outcome(_ method: String, _ path: String) -> String {
        do {
            let response = try router.handle(request(method, path))
            return "\(response.status) \(String(decoding: response.body, as: UTF8.self))"
        } catch let error as HTTPError {
            return "\(error.status) \(error.code) \(error.headers["Allow"] ?? "")"
        } catch {
            return "other"
        }
    }

    @Test func matchesTemplatesWithParameters() {
        #expect(outcome("GET", "/v1/maps/ab12cd.png") == "200 map ab12cd as png")
        #expect(outcome("HEAD", "/v1/maps/ab12cd.svg") == "200 map ab12cd as svg")  // HEAD uses GET
        #expect(outcome("POST", "/v1/maps") == "201 created")
        #expect(outcome("GET", "/") == "200 home")
    }

    @Test func unknownPathsAre404AndWrongMethods405() {
        #expect(outcome("GET", "/v1/maps/ab12cd") == "404 http.not_found ")
        #expect(outcome("GET", "/v1/maps/.png") == "404 http.not_found ")
        #expect(outcome("GET", "/v1/maps/a.png/x") == "404 http.not_found ")
        #expect(outcome("GET", "/nope") == "404 http.not_found ")
        #expect(outcome("DELETE", "/v1/maps/ab.png") == "405 http.method_not_allowed GET, HEAD")
        #expect(outcome("GET", "/v1/render") == "405 http.method_not_allowed POST")
    }

    @Test func templateNamesTheRoute() {
        #expect(router.template(for: request("GET", "/v1/maps/x.pdf")) == "/v1/maps/{id}.{format}")
        #expect(router.template(for: request("GET", "/other")) == nil)
    }
}
