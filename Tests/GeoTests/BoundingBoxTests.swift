import Testing
@testable import Geo

@Suite struct BoundingBoxTests {
    let shanghai = Coordinate(lat: 31.2304, lon: 121.4737)
    let losAngeles = Coordinate(lat: 34.0522, lon: -118.2437)
    let beijing = Coordinate(lat: 39.9042, lon: 116.4074)
    let shenzhen = Coordinate(lat: 22.5431, lon: 114.0579)

    @Test func shanghaiAndLosAngelesSpanThePacificNotEurasia() throws {
        let box = try #require(BoundingBox.enclosing([shanghai, losAngeles]))
        #expect(abs(box.minLon - 121.4737) < 1e-9)
        #expect(abs(box.maxLon - 241.7563) < 1e-9)
        #expect(box.crossesAntimeridian)
        #expect(abs(box.longitudeSpan - 120.28) < 0.01)
        #expect(abs(box.minLat - 31.2304) < 1e-9 && abs(box.maxLat - 34.0522) < 1e-9)
        #expect(box.contains(losAngeles) && box.contains(shanghai))
        #expect(box.contains(Coordinate(lat: 33, lon: -170)))  // mid-Pacific
        #expect(!box.contains(Coordinate(lat: 33, lon: 60)))  // Iran is not on the way
        // A box wider than half the world still holds its own unwrapped points.
        let wide = BoundingBox(minLat: -40, minLon: -20, maxLat: 40, maxLon: 300)
        #expect(wide.contains(Coordinate(lat: 0, lon: 290)) && wide.contains(Coordinate(lat: 0, lon: -70)))
        #expect(!wide.contains(Coordinate(lat: 0, lon: -30)) && !wide.contains(Coordinate(lat: 0, lon: 330)))
    }

    @Test func boxesWithinOneHemisphereAreOrdinary() throws {
        let box = try #require(BoundingBox.enclosing([beijing, shenzhen, shanghai]))
        #expect(box == BoundingBox(minLat: 22.5431, minLon: 114.0579, maxLat: 39.9042, maxLon: 121.4737))
        #expect(!box.crossesAntimeridian)
        // London and Chongqing: Eurasia is shorter than the way round over the Americas.
        let eurasia = try #require(BoundingBox.enclosing([Coordinate(lat: 51.5, lon: -0.12),
                                                           Coordinate(lat: 29.56, lon: 106.55)]))
        #expect(eurasia.minLon == -0.12 && eurasia.maxLon == 106.55)
    }

    @Test func enclosingIgnoresTheInputWrappingAndOrder() throws {
        let a = try #require(BoundingBox.enclosing([losAngeles, shanghai, Coordinate(lat: 21.3, lon: -157.86)]))
        let b = try #require(BoundingBox.enclosing([Coordinate(lat: 21.3, lon: 202.14), shanghai,
                                                     Coordinate(lat: 34.0522, lon: 241.7563)]))
        #expect(abs(a.minLon - b.minLon) < 1e-9 && abs(a.maxLon - b.maxLon) < 1e-9)
        #expect(BoundingBox.enclosing([Coordinate]()) == nil)
        #expect(BoundingBox.enclosing([shanghai]) == BoundingBox(shanghai))
    }

    @Test func unionAndExtendChooseTheNarrowerWrapping() {
        var box = BoundingBox(shanghai)
        box.extend(with: losAngeles)
        #expect(abs(box.maxLon - 241.7563) < 1e-9 && box.minLon == 121.4737)
        box.extend(with: beijing)
        #expect(box.minLon == 116.4074 && abs(box.maxLon - 241.7563) < 1e-9 && box.maxLat == 39.9042)
        let europe = BoundingBox(minLat: 48, minLon: 2, maxLat: 52, maxLon: 13)
        let china = BoundingBox(minLat: 22, minLon: 104, maxLat: 40, maxLon: 122)
        #expect(europe.union(china) == BoundingBox(minLat: 22, minLon: 2, maxLat: 52, maxLon: 122))
    }

    @Test func unwrappedInitTakesLongitudesAsGiven() throws {
        let box = try #require(BoundingBox(unwrapped: [shanghai, Coordinate(lat: 52, lon: 180), losAngeles]))
        #expect(box.minLon == -118.2437 && box.maxLon == 180 && box.maxLat == 52)
        #expect(BoundingBox(unwrapped: [Coordinate]()) == nil)
    }

    @Test func paddingGrowsEverySideAndStopsAtThePoles() {
        let box = BoundingBox(minLat: 89.5, minLon: 10, maxLat: 89.8, maxLon: 11).padded(byDegrees: 1)
        #expect(box == BoundingBox(minLat: 88.5, minLon: 9, maxLat: 90, maxLon: 12))
    }
}
