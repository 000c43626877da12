import Testing
@testable import Geo

@Suite struct WebMercatorTests {
    @Test func knownPixelsAtZoomZeroAndOne() {
        let origin = WebMercator.project(Coordinate(lat: 0, lon: 0), zoom: 0)
        #expect(abs(origin.x - 128) < 1e-9 && abs(origin.y - 128) < 1e-9)
        // The world's corners: 180°W at the top edge, 180°E at the bottom edge.
        let topLeft = WebMercator.project(Coordinate(lat: WebMercator.maxLatitude, lon: -180), zoom: 1)
        #expect(abs(topLeft.x) < 1e-9 && abs(topLeft.y) < 1e-6)
        let bottomRight = WebMercator.project(Coordinate(lat: -WebMercator.maxLatitude, lon: 180), zoom: 1)
        #expect(abs(bottomRight.x - 512) < 1e-9 && abs(bottomRight.y - 512) < 1e-6)
        // Shanghai is in tile x = 26, y = 13 at zoom 5 (the usual slippy-map tile numbering).
        let shanghai = WebMercator.project(Coordinate(lat: 31.2304, lon: 121.4737), zoom: 5)
        #expect(Int(shanghai.x / 256) == 26 && Int(shanghai.y / 256) == 13)
    }

    @Test func latitudeIsClampedToTheSquareWorld() {
        let north = WebMercator.y(lat: 89.9, zoom: 3)
        #expect(north == WebMercator.y(lat: WebMercator.maxLatitude, zoom: 3))
        #expect(abs(WebMercator.y(lat: -90, zoom: 2) - WebMercator.worldSize(zoom: 2)) < 1e-6)
        #expect(WebMercator.lat(y: -50, zoom: 2) == WebMercator.lat(y: 0, zoom: 2))
    }

    @Test(arguments: [
        Coordinate(lat: 39.9042, lon: 116.4074), Coordinate(lat: 22.5431, lon: 114.0579),
        Coordinate(lat: 34.0522, lon: -118.2437), Coordinate(lat: -33.8688, lon: 151.2093),
        Coordinate(lat: 84.9, lon: -179.99), Coordinate(lat: -84.9, lon: 179.99), Coordinate(lat: 0, lon: 0),
    ], [0.0, 3.5, 12, 18.25])
    func roundTripsAtFractionalZooms(_ c: Coordinate, _ zoom: Double) {
        let p = WebMercator.project(c, zoom: zoom)
        let back = WebMercator.unproject(p, zoom: zoom)
        #expect(abs(back.lat - c.lat) < 1e-9)
        #expect(abs(back.lon - c.lon) < 1e-9)
    }

    @Test func tileSizeScalesPixels() {
        let c = Coordinate(lat: 30.5928, lon: 114.3055)
        let p256 = WebMercator.project(c, zoom: 4)
        let p512 = WebMercator.project(c, zoom: 4, tileSize: 512)
        #expect(abs(p512.x - 2 * p256.x) < 1e-9 && abs(p512.y - 2 * p256.y) < 1e-9)
        #expect(WebMercator.project(c, zoom: 5) == WebMercator.project(c, zoom: 4, tileSize: 512))
    }

    @Test func unwrappedLongitudesProjectContinuouslyPastTheAntimeridian() {
        let zoom = 2.0
        let world = WebMercator.worldSize(zoom: zoom)
        // Los Angeles reached eastwards over the Pacific sits exactly one world to the right of its wrapped self.
        let wrapped = WebMercator.x(lon: -118.2437, zoom: zoom)
        let unwrapped = WebMercator.x(lon: 241.7563, zoom: zoom)
        #expect(abs(unwrapped - wrapped - world) < 1e-9)
        #expect(unwrapped > WebMercator.x(lon: 179.9, zoom: zoom))
        #expect(abs(WebMercator.lon(x: unwrapped, zoom: zoom) - 241.7563) < 1e-9)
    }

    @Test func longitudeHelpersWrapAndUnwrap() {
        #expect(WebMercator.normalizedLongitude(180) == -180)
        #expect(abs(WebMercator.normalizedLongitude(241.7563) - -118.2437) < 1e-9)
        #expect(abs(WebMercator.normalizedLongitude(-541) - 179) < 1e-9)
        #expect(abs(WebMercator.longitude(-118.2437, nearestTo: 121.47) - 241.7563) < 1e-9)
        #expect(WebMercator.longitude(10, nearestTo: 20) == 10)
        #expect(abs(WebMercator.longitude(170, nearestTo: -175) - -190) < 1e-9)
    }

    @Test func metresPerPixelMatchesTheKnownEquatorValue() {
        // 156,543.03 m/px at zoom 0 on the equator (OSM wiki "Zoom levels", for the 6,378,137 m sphere; ours is
        // the 6,371,008.8 m mean radius, 0.11 % smaller).
        let m = WebMercator.metresPerPixel(lat: 0, zoom: 0)
        #expect(abs(m - 156_543.03 * 6_371_008.8 / 6_378_137) < 0.1)
        #expect(abs(WebMercator.metresPerPixel(lat: 60, zoom: 0) - m / 2) < 1e-6)
    }

    @Test func fittingZoomFitsTheBoxExactly() {
        let box = BoundingBox.enclosing([Coordinate(lat: 31.2304, lon: 121.4737),
                                         Coordinate(lat: 34.0522, lon: -118.2437)])!
        let zoom = WebMercator.fittingZoom(box, width: 800, height: 600)
        let w = WebMercator.x(lon: box.maxLon, zoom: zoom) - WebMercator.x(lon: box.minLon, zoom: zoom)
        let h = WebMercator.y(lat: box.minLat, zoom: zoom) - WebMercator.y(lat: box.maxLat, zoom: zoom)
        #expect(w <= 800 + 1e-6 && h <= 600 + 1e-6)
        #expect(abs(w - 800) < 1e-6 || abs(h - 600) < 1e-6)
        #expect(WebMercator.fittingZoom(BoundingBox(Coordinate(lat: 1, lon: 2)), width: 10, height: 10) == .infinity)
    }
}
