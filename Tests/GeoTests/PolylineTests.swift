import Testing
@testable import Geo

@Suite struct PolylineTests {
    let shanghai = Coordinate(lat: 31.2304, lon: 121.4737)
    let losAngeles = Coordinate(lat: 34.0522, lon: -118.2437)

    @Test func lengthIsTheSumOfSegments() {
        let a = Coordinate(lat: 0, lon: 0), b = Coordinate(lat: 0, lon: 1), c = Coordinate(lat: 1, lon: 1)
        #expect(abs(Polyline.lengthKm(of: [a, b, c]) - (a.kilometres(to: b) + b.kilometres(to: c))) < 1e-9)
        #expect(Polyline.lengthKm(of: [a]) == 0 && Polyline.lengthKm(of: []) == 0)
    }

    @Test func pointAlongWalksTheSegmentsAndKeepsTheUnwrapping() throws {
        let path = GreatCircle.densify(from: shanghai, to: losAngeles, stepKm: 250)
        let total = Polyline.lengthKm(of: path)
        let half = try #require(Polyline.point(along: path, atKm: total / 2))
        #expect(half.distance(to: GreatCircle.midpoint(shanghai, losAngeles)) < 5_000)  // metres: on the same arc
        #expect(half.lon > 175 && half.lon < 185)  // unwrapped like the path
        #expect(Polyline.point(along: path, atKm: -5) == shanghai)
        #expect(Polyline.point(along: path, atKm: total + 100) == path.last)
        #expect(Polyline.point(along: [], atKm: 1) == nil)
    }

    @Test func pointsWithinASegmentLieOnTheDrawnMercatorLine() throws {
        let a = Coordinate(lat: 22.5431, lon: 114.0579), b = Coordinate(lat: 30.5928, lon: 114.3055)
        let p = try #require(Polyline.point(along: [a, b], atKm: a.kilometres(to: b) * 0.3))
        let pa = WebMercator.project(a, zoom: 0), pb = WebMercator.project(b, zoom: 0)
        let pp = WebMercator.project(p, zoom: 0)
        #expect(Simplification.segmentDistance(pp, pa, pb) < 1e-9)
        #expect(abs(pa.distance(to: pp) / pa.distance(to: pb) - 0.3) < 1e-9)
    }

    @Test func splitGivesTwoPartsThatMeetAtTheCut() {
        let path = GreatCircle.densify(from: shanghai, to: losAngeles, stepKm: 500)
        let total = Polyline.lengthKm(of: path)
        let (before, after) = Polyline.split(path, atKm: total * 0.4)
        #expect(before.first == path.first && after.last == path.last && before.last == after.first)
        #expect(abs(Polyline.lengthKm(of: before) - total * 0.4) < 5)
        // The cut point is on the drawn (Mercator) line, a little off the great circle of a 500 km segment.
        #expect(abs(Polyline.lengthKm(of: before) + Polyline.lengthKm(of: after) - total) < 1)
        #expect(Polyline.split(path, atKm: 0) == ([shanghai], path))
        #expect(Polyline.split(path, atKm: total * 2) == (path, [path.last!]))
        let empty = Polyline.split([], atKm: 3)
        #expect(empty.before.isEmpty && empty.after.isEmpty)
    }
}
