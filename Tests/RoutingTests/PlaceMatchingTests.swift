import Geo
import Geocoding
import Testing
@testable import Routing

@Suite struct PlaceMatchingTests {
    let settings = RouteSettings.default

    @Test func sameCodeOrVeryCloseIsSame() {
        let moved = Places.place("深圳市", .city, "440300", 22.6, 114.1)  // same code, another centroid
        #expect(PlaceMatching.isSame(Places.shenzhen, moved, settings))
        let near = Places.place("车公庙", .town, nil, 22.5350, 114.0300)  // ≈ 0.5 km from the Futian station
        #expect(PlaceMatching.isSame(Places.futianStation, near, settings))
        #expect(!PlaceMatching.isSame(Places.futianStation, Places.nanshanStation, settings))  // ≈ 7.5 km
    }

    @Test func adcodesDecideWhenBothPlacesHaveThem() {
        // A hub filed under the city (its code and point) contains a district of that city…
        let cityHub = Places.place("深圳华南陆运枢纽", .hub, "440300", 22.5431, 114.0579)
        #expect(PlaceMatching.isSame(cityHub, Places.nanshan, settings))
        #expect(PlaceMatching.better(cityHub, Places.nanshan) == Places.nanshan)  // the district is more precise
        // …but two districts are different stops however close, and a hub elsewhere is elsewhere.
        #expect(!PlaceMatching.isSame(Places.futian, Places.nanshan, settings))
        #expect(!PlaceMatching.isSame(Places.futianStation, Places.nanshanStation, settings))
    }

    @Test func adcodesContainFinerCodes() {
        #expect(PlaceMatching.adcodePrefix(Places.guangdong) == "44")
        #expect(PlaceMatching.adcodePrefix(Places.shenzhen) == "4403")
        #expect(PlaceMatching.adcodePrefix(Places.nanshan) == "440305")
        #expect(PlaceMatching.adcodePrefix(Places.losAngeles) == nil)  // a GeoNames id, not an adcode
        #expect(PlaceMatching.isSame(Places.guangdong, Places.nanshan, settings))
        #expect(!PlaceMatching.isSame(Places.guangdong, Places.changsha, settings))
        #expect(!PlaceMatching.isSame(Places.shenzhen, Places.guangzhou, settings))
    }

    @Test func aCountryContainsItsPlaces() {
        let usa = Places.place("美国", .country, "US", 39.8, -98.6, country: "US")
        #expect(PlaceMatching.isSame(usa, Places.lax, settings))
        #expect(!PlaceMatching.isSame(usa, Places.shanghai, settings))
    }

    @Test func aCityHoldsFinerPlacesNearby() {
        #expect(PlaceMatching.isSame(Places.losAngeles, Places.lax, settings))  // ≈ 19 km
        #expect(!PlaceMatching.isSame(Places.losAngeles, Places.irvine, settings))  // a city of its own
        #expect(!PlaceMatching.isSame(Places.shanghai, Places.pudongAirport, settings))  // ≈ 33 km
    }

    @Test func theFinerPlaceDescribesAStop() {
        #expect(PlaceMatching.better(Places.shenzhen, Places.shenzhenHub) == Places.shenzhenHub)
        #expect(PlaceMatching.better(Places.shenzhenHub, Places.shenzhen) == Places.shenzhenHub)
        let surer = Places.place("深圳市", .city, "440300", 22.5431, 114.0579, confidence: 0.95)
        #expect(PlaceMatching.better(Places.shenzhen, surer) == surer)
        #expect(PlaceMatching.better(surer, Places.shenzhen) == surer)
    }

    @Test func usablePlacesAreConfidentAndValid() {
        #expect(PlaceMatching.usable(Places.shenzhen, settings) == Places.shenzhen)
        #expect(PlaceMatching.usable(nil, settings) == nil)
        #expect(PlaceMatching.usable(Places.place("x", .city, nil, 10, 10, confidence: 0.29), settings) == nil)
        #expect(PlaceMatching.usable(Places.place("x", .city, nil, 10, 190), settings) == nil)
    }

    @Test func returnSignalsAreFoundInStateAndText() {
        let time = TraceMaker().time
        func event(_ text: String, _ state: ShipmentState? = nil) -> GeocodedEvent {
            GeocodedEvent(index: 0, time: time, text: text, place: nil, next: nil, state: state)
        }
        #expect(ReturnSignal.isReturn(event("收件人拒收，快件退回中")))
        #expect(ReturnSignal.isReturn(event("Shipment RETURNED TO SENDER")))
        #expect(ReturnSignal.isReturn(event("异常", .returning)))
        #expect(!ReturnSignal.isReturn(event("快件已到达 昆明转运中心")))
        #expect(!ReturnSignal.isReturn(event("Parts shipment departed")))
    }
}
