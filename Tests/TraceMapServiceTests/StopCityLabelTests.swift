import Foundation
import MapRendering
import Pipeline
import Testing

/// Issue 15 §3: at country and world views a stop is labelled by its city (深圳 for 南山区, 北京 for 北京顺义集散中心),
/// at city views by its district; the card keeps the full name.
@Suite struct StopCityLabelTests {
    static let engine = Result { try TraceEngine.load(geodataDirectory: MapServiceTests.repoRoot.appendingPathComponent("geodata").path) }

    @Test func countryViewsLabelCitiesCityViewsLabelDistricts() throws {
        let engine = try Self.engine.get()
        let data = try Data(contentsOf: MapServiceTests.repoRoot.appendingPathComponent("geodata/samples/kdniao-query-sf-shenzhen-beijing.json"))
        let trace = try engine.geocodeFirst(data: data)
        let route = engine.route(trace)
        #expect(route.stops.first?.city == "深圳", "\(String(describing: route.stops.first?.place))")
        let scene = MapScene(route: route, trace: trace)
        let country = try engine.renderer.describe(scene: scene, options: RenderOptions())
        #expect(country.zoom < 8)
        let names = Set(country.labels.filter { $0.role != "region" }.map(\.text))
        #expect(names.contains("深圳") && names.contains("北京"), "\(names)")
        #expect(country.card?.place == "北京顺义集散中心")

        let local = """
        {"carrier":"JD","number":"JD1","events":[{"time":"2026-11-20 09:00:00","text":"【武汉市】您的订单已在【武汉洪山营业部】收货完成"},
        {"time":"2026-11-20 15:00:00","text":"【武汉市】您的订单已到达【武汉江夏营业部】"}]}
        """
        let cityTrace = try engine.geocodeFirst(data: Data(local.utf8))
        let cityView = try engine.renderer.describe(scene: MapScene(route: engine.route(cityTrace), trace: cityTrace),
                                                    options: RenderOptions())
        #expect(cityView.zoom >= 8)
        // The stops say their districts (with the city, as an address does); 武汉 itself may be a context city.
        let stops = cityView.labels.filter { !["context", "region"].contains($0.role) }.map(\.text)
        #expect(!stops.contains("武汉") && stops.contains { $0.hasSuffix("区") || $0.hasSuffix("营业部") }, "\(stops)")
    }
}
