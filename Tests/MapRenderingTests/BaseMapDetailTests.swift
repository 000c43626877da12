import Foundation
import Geo
import Testing
@testable import MapRendering

/// The renderer's side of the second cartography leg: the city level and its region, same-city zoom, rivers per
/// style, and US state names through the province label path.
@Suite struct BaseMapDetailTests {
    @Test func theCityLevelStartsNearZoomSevenAndSameCityViewsZoomToEleven() {
        let d = MapDetail.default
        #expect(d.maxZoom == 11)
        #expect(d.lod(zoom: 6.5) == 2)
        #expect(d.lod(zoom: 7) == 3)
        #expect(d.lod(zoom: 11) == 3)
    }

    @Test func theCityLevelIsUsedInsideItsRegionOnly() {
        let basemap = TestSupport.basemap
        #expect(basemap.levels.contains(3))
        #expect(basemap.level(3, covering: 113.7, 22.4, 114.4, 22.8) == 3)   // Shenzhen
        #expect(basemap.level(3, covering: -3.9, 40.3, -3.5, 40.6) == 2)     // Madrid: outside, lod 2 draws
        #expect(basemap.level(3, covering: 140, 50, 152, 58) == 2)           // leaves the region
        #expect(basemap.level(2, covering: -3.9, 40.3, -3.5, 40.6) == 2)     // world levels are kept
    }

    @Test func regionsAreReadFromTheLevelsJSON() {
        let regions = BaseMap.regions(lodsJSON: #"{"2": {"region": null}, "3": {"region": [70, -12, 150, 56]}}"#)
        #expect(regions.count == 1)
        #expect(regions[3].map { [$0.0, $0.1, $0.2, $0.3] } == [70, -12, 150, 56])
        #expect(BaseMap.regions(lodsJSON: "not json").isEmpty)
    }

    @Test func riversAreAPerStyleLayer() throws {
        let styles = TestSupport.styles
        #expect(try styles.style(named: "default").layers.rivers)
        #expect(try styles.style(named: "dark").layers.rivers)
        #expect(try !styles.style(named: "minimal").layers.rivers)
        #expect(try styles.style(named: "default").river.width > 0)
    }

    @Test func aSameCityRouteZoomsToCityLevel() throws {
        let scene = Scenarios.scene([Scenarios.shenzhenNanshan, Scenarios.shenzhenBaoan, Scenarios.shenzhenFutian],
                                    currentIndex: 1, state: .outForDelivery)
        let d = try TestSupport.renderer.describe(scene: scene, options: RenderOptions())
        #expect(d.zoom >= 10)
    }

    @Test func aViewOfTheUSNamesItsStates() throws {
        let la = Scenarios.City(name: "洛杉矶", en: "Los Angeles", lat: 34.052, lon: -118.244)
        let denver = Scenarios.City(name: "丹佛", en: "Denver", lat: 39.739, lon: -104.990)
        let chicago = Scenarios.City(name: "芝加哥", en: "Chicago", lat: 41.878, lon: -87.630)
        let scene = Scenarios.scene([la, denver, chicago], currentIndex: 1, state: .inTransit)
        let states = Set(TestSupport.basemap.placeLabels.filter { $0.kind == .province && $0.lon < -60 }.map(\.name))
        #expect(states.count == 51)
        let zh = try TestSupport.renderer.describe(scene: scene, options: RenderOptions())
        #expect(zh.labels.filter { $0.role == "region" && states.contains($0.text) }.count >= 5)
        let en = try TestSupport.renderer.describe(scene: scene, options: RenderOptions(language: .en))
        #expect(en.labels.contains { $0.role == "region" && ["Colorado", "Nebraska", "Kansas", "Utah"].contains($0.text) })
    }
}
