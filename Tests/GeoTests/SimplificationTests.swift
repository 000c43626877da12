import Foundation
import Testing
@testable import Geo

@Suite struct SimplificationTests {
    @Test func straightRunsCollapseToTheirEnds() {
        let line = (0...10).map { PixelPoint(x: Double($0), y: 0) }
        #expect(Simplification.douglasPeucker(line, tolerance: 0.1) == [line[0], line[10]])
    }

    @Test func cornersFartherThanTheToleranceAreKept() {
        let pts = [PixelPoint(x: 0, y: 0), PixelPoint(x: 5, y: 0.2), PixelPoint(x: 10, y: 0),
                   PixelPoint(x: 10, y: 10), PixelPoint(x: 10.1, y: 20)]
        #expect(Simplification.douglasPeuckerIndices(pts, tolerance: 0.5) == [0, 2, 4])
        #expect(Simplification.douglasPeuckerIndices(pts, tolerance: 0.1) == [0, 1, 2, 4])
        #expect(Simplification.douglasPeuckerIndices(pts, tolerance: 0) == [0, 1, 2, 3, 4])
    }

    @Test func resultStaysWithinToleranceOfEveryInputPoint() {
        // A deterministic wiggly line (a sine), checked against the simplified polyline.
        let pts = (0..<400).map { i in PixelPoint(x: Double(i), y: 30 * sin(Double(i) / 17)) }
        let tolerance = 1.5
        let kept = Simplification.douglasPeucker(pts, tolerance: tolerance)
        #expect(kept.count < pts.count / 4)
        for p in pts {
            var best = Double.infinity
            for i in 1..<kept.count { best = min(best, Simplification.segmentDistance(p, kept[i - 1], kept[i])) }
            #expect(best <= tolerance + 1e-9)
        }
    }

    @Test func coordinatesAreSimplifiedInProjectedSpace() {
        let arc = GreatCircle.densify(from: Coordinate(lat: 31.2304, lon: 121.4737),
                                      to: Coordinate(lat: 34.0522, lon: -118.2437), stepKm: 20)
        let coarse = Simplification.douglasPeucker(arc, tolerance: 0.5, zoom: 2)
        let fine = Simplification.douglasPeucker(arc, tolerance: 0.5, zoom: 8)
        #expect(coarse.first == arc.first && coarse.last == arc.last)
        #expect(coarse.count < fine.count && fine.count < arc.count)
        #expect(Simplification.douglasPeucker([Coordinate](), tolerance: 1, zoom: 3).isEmpty)
    }
}
