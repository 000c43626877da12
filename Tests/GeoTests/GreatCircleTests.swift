import Testing
@testable import Geo

@Suite struct GreatCircleTests {
    let shanghai = Coordinate(lat: 31.2304, lon: 121.4737)
    let losAngeles = Coordinate(lat: 34.0522, lon: -118.2437)
    let beijing = Coordinate(lat: 39.9042, lon: 116.4074)
    let shenzhen = Coordinate(lat: 22.5431, lon: 114.0579)

    /// Land's End → John o' Groats, the worked example of Movable Type's "Calculate distance, bearing and more":
    /// initial bearing 009°07′11″, midpoint 54°21′44″N 004°31′50″W, 968.9 km.
    @Test func movableTypeWorkedExample() {
        let landsEnd = Coordinate(lat: 50.0664, lon: -5.7147), johnOGroats = Coordinate(lat: 58.6439, lon: -3.0700)
        let bearing = GreatCircle.initialBearing(from: landsEnd, to: johnOGroats)
        #expect(abs(bearing - (9 + 7.0 / 60 + 11.0 / 3600)) < 0.01)
        let mid = GreatCircle.midpoint(landsEnd, johnOGroats)
        #expect(abs(mid.lat - (54 + 21.0 / 60 + 44.0 / 3600)) < 0.001)
        #expect(abs(mid.lon - -(4 + 31.0 / 60 + 50.0 / 3600)) < 0.001)
        #expect(abs(landsEnd.kilometres(to: johnOGroats) - 968.9) < 1)
    }

    @Test func bearingsOfTheCardinalDirections() {
        let o = Coordinate(lat: 0, lon: 0)
        #expect(abs(GreatCircle.initialBearing(from: o, to: Coordinate(lat: 10, lon: 0))) < 1e-9)
        #expect(abs(GreatCircle.initialBearing(from: o, to: Coordinate(lat: 0, lon: 10)) - 90) < 1e-9)
        #expect(abs(GreatCircle.initialBearing(from: o, to: Coordinate(lat: -10, lon: 0)) - 180) < 1e-9)
        #expect(abs(GreatCircle.initialBearing(from: o, to: Coordinate(lat: 0, lon: -10)) - 270) < 1e-9)
        #expect(GreatCircle.initialBearing(from: o, to: o) == 0)
        // Shanghai to Los Angeles starts out north-east, over Japan.
        let b = GreatCircle.initialBearing(from: shanghai, to: losAngeles)
        #expect(b > 30 && b < 60)
    }

    @Test func midpointsOnTheEquatorAndAcrossTheAntimeridian() {
        let m = GreatCircle.midpoint(Coordinate(lat: 0, lon: 0), Coordinate(lat: 0, lon: 90))
        #expect(abs(m.lat) < 1e-9 && abs(m.lon - 45) < 1e-9)
        let across = GreatCircle.midpoint(Coordinate(lat: 0, lon: 170), Coordinate(lat: 0, lon: -170))
        #expect(abs(across.lat) < 1e-9 && abs(abs(across.lon) - 180) < 1e-9)
        // The Shanghai–Los Angeles midpoint is in the Bering Sea region, right at the antimeridian.
        let pacific = GreatCircle.midpoint(shanghai, losAngeles)
        #expect(abs(pacific.lat - 52.13) < 0.05)
        #expect(abs(abs(pacific.lon) - 180) < 0.1)
    }

    @Test func intermediatePointsLieOnTheArcAtTheRightDistance() {
        let total = beijing.kilometres(to: shenzhen)
        for f in stride(from: 0.0, through: 1.0, by: 0.125) {
            let p = GreatCircle.intermediate(from: beijing, to: shenzhen, fraction: f)
            #expect(abs(beijing.kilometres(to: p) - f * total) < 1e-6)
            #expect(abs(p.kilometres(to: shenzhen) - (1 - f) * total) < 1e-6)
        }
        #expect(GreatCircle.intermediate(from: beijing, to: beijing, fraction: 0.5) == beijing)
    }

    @Test func destinationInvertsBearingAndDistance() {
        let bearing = GreatCircle.initialBearing(from: shenzhen, to: beijing)
        let d = shenzhen.kilometres(to: beijing)
        #expect(GreatCircle.destination(from: shenzhen, bearing: bearing, distanceKm: d).distance(to: beijing) < 1)
    }

    @Test func shanghaiToLosAngelesStaysOverThePacificInOnePiece() {
        let path = GreatCircle.densify(from: shanghai, to: losAngeles, stepKm: 100)
        #expect(path.first == shanghai)
        #expect(abs(path.last!.lon - 241.7563) < 1e-9 && abs(path.last!.lat - losAngeles.lat) < 1e-9)
        #expect(path.count == Int((shanghai.kilometres(to: losAngeles) / 100).rounded(.up)) + 1)
        for p in path {
            #expect(p.lon >= 121.4737 - 1e-9 && p.lon <= 241.7563 + 1e-9)
        }
        for i in 1..<path.count {
            #expect(abs(path[i].lon - path[i - 1].lon) < 5)  // continuous: no jump of 360°
            #expect(path[i - 1].kilometres(to: path[i]) <= 100 + 1e-6)
        }
        // The arc bows north to about 52°N, over the Aleutians (the great circle's vertex; computed independently).
        let maxLat = path.map(\.lat).max()!
        #expect(maxLat > 51.5 && maxLat < 53)
        #expect(abs(Polyline.lengthKm(of: path) - shanghai.kilometres(to: losAngeles)) < 1)
    }

    @Test func densifyContinuesFromAnAlreadyUnwrappedStart() {
        // Los Angeles reached over the Pacific (241.76), onwards to New York: stays beyond 180.
        let la = Coordinate(lat: 34.0522, lon: 241.7563), newYork = Coordinate(lat: 40.7128, lon: -74.0060)
        let path = GreatCircle.densify(from: la, to: newYork, stepKm: 200)
        #expect(path.first == la)
        #expect(abs(path.last!.lon - 285.994) < 1e-9)
        for i in 1..<path.count { #expect(path[i].lon > path[i - 1].lon) }
        // And westwards across the antimeridian: longitudes run below −180.
        let west = GreatCircle.densify(from: Coordinate(lat: 21.3, lon: -157.86), to: Coordinate(lat: 35.68, lon: 139.69))
        #expect(abs(west.last!.lon - (139.69 - 360)) < 1e-9)
        for i in 1..<west.count { #expect(abs(west[i].lon - west[i - 1].lon) < 5) }
    }

    @Test func densifyRespectsMaxPoints() {
        let path = GreatCircle.densify(from: shanghai, to: losAngeles, stepKm: 1, maxPoints: 64)
        #expect(path.count == 64)
        #expect(GreatCircle.densify(from: beijing, to: beijing).count == 2)
    }

    @Test func legPathIsStraightForShortLegsAndAnArcOtherwise() {
        let guangzhou = Coordinate(lat: 23.1291, lon: 113.2644)
        #expect(GreatCircle.legPath(from: shenzhen, to: guangzhou) == [shenzhen, guangzhou])
        #expect(GreatCircle.legPath(from: shenzhen, to: beijing).count > 2)  // ~1,940 km
        // Shenzhen to Hong Kong crosses a border but is only ~30 km: still straight.
        let hongKong = Coordinate(lat: 22.3193, lon: 114.1694)
        #expect(GreatCircle.legPath(from: shenzhen, to: hongKong, crossesBorderOrSea: true).count == 2)
        // Shanghai to Seoul (~870 km) across the sea is an arc although it is under 1,000 km.
        let seoul = Coordinate(lat: 37.5665, lon: 126.9780)
        #expect(GreatCircle.legPath(from: shanghai, to: seoul).count == 2)
        #expect(GreatCircle.legPath(from: shanghai, to: seoul, crossesBorderOrSea: true).count > 2)
        // A short leg across the antimeridian is still continuous.
        let fiji = Coordinate(lat: -17.7, lon: 179.9), samoa = Coordinate(lat: -17.8, lon: -179.9)
        let hop = GreatCircle.legPath(from: fiji, to: samoa)
        #expect(abs(hop[1].lon - 180.1) < 1e-9)
    }

    @Test func antipodalPointsStillGiveAFinitePath() {
        let a = Coordinate(lat: 10, lon: 20), b = Coordinate(lat: -10, lon: -160)
        let path = GreatCircle.densify(from: a, to: b, stepKm: 500)
        #expect(path.allSatisfy { $0.lat.isFinite && $0.lon.isFinite })
        #expect(path.last!.distance(to: b) < 1e-3)
        for i in 1..<path.count { #expect(path[i - 1].kilometres(to: path[i]) < 600) }
    }
}
