import Foundation
import Geo
import Testing
@testable import MapRendering

/// Context on the map (issue 15 §1, §4): cities as dots and labels, chosen by rank for the zoom and kept off the
/// route; region labels for the countries the route crosses.
struct ContextLabelTests {
    static let hefei = MapPlace(name: "合肥", englishName: "Hefei", coordinate: Coordinate(lat: 31.82, lon: 117.23),
                                rank: .major, population: 9_000_000)
    static let nanchang = MapPlace(name: "南昌", englishName: "Nanchang", coordinate: Coordinate(lat: 28.68, lon: 115.86),
                                   rank: .major, population: 6_000_000)
    static let huangshan = MapPlace(name: "黄山", englishName: "Huangshan", coordinate: Coordinate(lat: 29.71, lon: 118.34),
                                    rank: .prefecture, population: 1_300_000)
    static let county = MapPlace(name: "某某县", englishName: "Moumou", coordinate: Coordinate(lat: 30.2, lon: 116.2),
                                 rank: .county)
    /// A city exactly on the Hangzhou → Wuhan line: it would sit on the route.
    static let onTheLine = MapPlace(name: "线上市", englishName: "Online", coordinate: Coordinate(lat: 30.43, lon: 117.22),
                                    rank: .major, population: 50_000_000)

    static func renderer(_ places: [MapPlace]) -> MapRenderer {
        var r = TestSupport.renderer
        r.places = places
        return r
    }

    static let hangzhouWuhan = Scenarios.scene([Scenarios.hangzhou, Scenarios.wuhan], currentIndex: 1, state: .inTransit)

    @Test func citiesAreLabelledByRankForTheZoomAndKeptOffTheRoute() throws {
        let d = try Self.renderer([Self.onTheLine, Self.hefei, Self.nanchang, Self.huangshan, Self.county])
            .describe(scene: Self.hangzhouWuhan, options: RenderOptions())
        let context = d.labels.filter { $0.role == "context" }.map(\.text)
        #expect(d.zoom < MapPlace.minimumZoom(for: .county), "the view is wider than a province: zoom \(d.zoom)")
        #expect(context.contains("合肥") && context.contains("南昌") && context.contains("黄山"), "\(context)")
        #expect(!context.contains("某某县"), "a county seat at a view of several provinces")
        #expect(!context.contains("线上市"), "a city on the route line")
        #expect(!d.hasOverlappingLabels)
        // Route labels are placed first and kept.
        #expect(d.labels.contains { $0.role == "origin" } && d.labels.contains { $0.role == "current" })
    }

    @Test func englishMapsUseEnglishNamesAndSkipPlacesWithout() throws {
        var nameless = Self.nanchang
        nameless.englishName = nil
        let d = try Self.renderer([Self.hefei, nameless])
            .describe(scene: Self.hangzhouWuhan, options: RenderOptions(language: .en))
        let context = d.labels.filter { $0.role == "context" }.map(\.text)
        #expect(context == ["Hefei"])
    }

    @Test func minimalStyleDrawsNoCities() throws {
        let d = try Self.renderer([Self.hefei, Self.nanchang])
            .describe(scene: Self.hangzhouWuhan, options: RenderOptions(style: "minimal"))
        #expect(!d.labels.contains { $0.role == "context" })
    }

    @Test func theCountryGridKnowsWhereCountriesAre() {
        let grid = TestSupport.basemap.countryGrid
        #expect(grid.country(lat: 39.9, lon: 116.4) == "CN")
        #expect(grid.country(lat: 48.85, lon: 2.35) == "FR")
        #expect(grid.country(lat: 34.05, lon: -118.24) == "US")
        #expect(grid.country(lat: 34.05, lon: 241.76) == "US")  // an unwrapped longitude
        #expect(grid.country(lat: 30, lon: -150) == nil)  // the Pacific
    }

    @Test func rasterisingASquareFillsItsCellsOnly() {
        let square = [(lon: 10.0, lat: 10.0), (lon: 20.0, lat: 10.0), (lon: 20.0, lat: 20.0), (lon: 10.0, lat: 20.0),
                      (lon: 10.0, lat: 10.0)]
        let grid = CountryGrid.rasterise([(code: "XX", rings: [square])])
        #expect(grid.country(lat: 15, lon: 15) == "XX")
        #expect(grid.country(lat: 10.3, lon: 19.7) == "XX")
        #expect(grid.country(lat: 9.7, lon: 15) == nil && grid.country(lat: 15, lon: 20.3) == nil)
    }

    @Test func theRoutesCountriesAreNamedEvenFarFromTheirLabelPoints() throws {
        // Shanghai → Los Angeles over the Pacific: the US label point (Kansas) is off the map, yet the destination
        // country is named, beside the part of it the route reaches.
        let scene = try #require(Scenarios.all.first { $0.0 == "pacific" }?.1)
        let d = try TestSupport.renderer.describe(scene: scene, options: RenderOptions())
        let regions = d.labels.filter { $0.role == "region" }
        let us = try #require(regions.first { $0.text == "美国" }, "\(regions.map(\.text))")
        #expect(us.x > 400, "named near Los Angeles, not in Alaska or Asia")
        #expect(!d.hasOverlappingLabels)
    }

    @Test func theNeutralChinaMapNamesTheEasternProvincesAndTaiwan() throws {
        let scene = try #require(Scenarios.all.first { $0.0 == "no-places" }?.1)
        let d = try TestSupport.renderer.describe(scene: scene, options: RenderOptions())
        let regions = Set(d.labels.filter { $0.role == "region" }.map(\.text))
        for name in ["台湾", "海南", "浙江", "安徽", "湖北", "山东"] { #expect(regions.contains(name), "\(name): \(regions)") }
        #expect(!d.hasOverlappingLabels)
    }
}
