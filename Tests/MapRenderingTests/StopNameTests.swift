import Gazetteer
import Geo
import Geocoding
import Testing
@testable import MapRendering

@Suite struct StopNameTests {
    static func place(_ name: String, _ en: String?, _ level: PlaceLevel, _ code: String?, country: String)
        -> LocatedPlace
    {
        LocatedPlace(name: name, englishName: en, level: level, code: code, country: country,
                     coordinate: Coordinate(lat: 34.05, lon: -118.24), confidence: 0.9, source: .text)
    }

    static let losAngeles = place("洛杉矶", "Los Angeles", .foreignCity, "5368361", country: "US")
    static let ndc = place("LOS ANGELES CA NETWORK DISTRIBUTION CENTER", "Los Angeles", .hub, "5368361",
                           country: "US")

    @Test func aForeignHubIsLabelledByItsCityInChineseAndShortInEnglish() {
        let named = [Self.losAngeles, Self.ndc]
        #expect(StopName.label(Self.ndc, named: named, language: .zh) == "洛杉矶")
        #expect(StopName.label(Self.ndc, named: named, language: .en) == "Los Angeles NDC")
    }

    @Test func aDoubtfulSiteIsLabelledByItsAreaNotAsFact() {
        var hub = Self.place("金华中转部", "Jinhua", .hub, "330700", country: "CN")
        hub.area = "金华市"
        #expect(StopName.label(hub, named: [hub], language: .zh) == "金华中转部")
        hub.confidence = LocatedPlace.siteLabelConfidence - 0.01
        #expect(StopName.label(hub, named: [hub], language: .zh) == "金华市")
        #expect(StopName.label(hub, named: [hub], language: .en) == "Jinhua")
    }

    @Test func anEnglishAirportNameIsShortened() {
        let hkg = Self.place("Chek Lap Kok International Airport", nil, .airport, "HKG", country: "HK")
        #expect(StopName.label(hkg, named: [hkg], language: .en) == "Chek Lap Kok Airport")
        // Nothing Chinese described it: the Chinese map falls back to the short English form.
        #expect(StopName.label(hkg, named: [hkg], language: .zh) == "Chek Lap Kok Airport")
        let city = Self.place("香港", "Hong Kong", .city, "HK", country: "HK")
        #expect(StopName.label(hkg, named: [city, hkg], language: .zh) == "香港")
    }

    @Test func chineseNamesStayAndEnglishUsesTheEnglishName() {
        let zh = Self.place("香港国际机场", "Hong Kong International Airport", .airport, "HKG", country: "HK")
        #expect(StopName.label(zh, named: [zh], language: .zh) == "香港国际机场")
        #expect(StopName.label(zh, named: [zh], language: .en) == "Hong Kong Airport")
        let hub = Self.place("深圳宝安中转场", nil, .hub, "440306", country: "CN")
        let city = Self.place("深圳市", "Shenzhen", .city, "440300", country: "CN")
        #expect(StopName.label(hub, named: [city, hub], language: .en) == "Shenzhen")
        #expect(StopName.label(hub, named: [hub], language: .en) == "深圳宝安中转场")
    }
}

extension StopNameTests {
    /// A hub filed under Los Angeles beside LAX in one stop is labelled by the city, not the airport.
    @Test func aHubIsNamedByTheCityItWasFiledUnder() {
        let lax = Self.place("洛杉矶国际机场", "Los Angeles International Airport", .airport, "LAX", country: "US")
        #expect(StopName.label(Self.ndc, named: [lax, Self.losAngeles, Self.ndc], language: .zh) == "洛杉矶")
    }
}
