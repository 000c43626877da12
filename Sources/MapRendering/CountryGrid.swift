import Foundation

/// Which country covers each half-degree cell of the world, rasterised once from the base map's country fills.
///
/// It answers two questions of region labels cheaply (issue 15 §4): which countries a route crosses, and whether a
/// label box drawn at some point lies on its own country (not in the sea or on a neighbour).
struct CountryGrid: Sendable {
    /// Cells per degree.
    static let resolution = 2
    static let columns = 360 * resolution, rows = 180 * resolution
    /// Per cell, the index in `codes` plus one (0: no country).
    let cells: [UInt16]
    /// ISO alpha-2 codes, as the base map's `country` features carry them.
    let codes: [String]

    init(cells: [UInt16], codes: [String]) {
        self.cells = cells
        self.codes = codes
    }

    /// An empty grid: every cell is sea.
    static let empty = CountryGrid(cells: [], codes: [])

    /// Rasterises `countries` (code and rings in degrees, lon/lat pairs) by even-odd scanlines through the cell
    /// centres.
    static func rasterise(_ countries: [(code: String, rings: [[(lon: Double, lat: Double)]])]) -> CountryGrid {
        var cells = [UInt16](repeating: 0, count: columns * rows)
        var codes: [String] = []
        var indexOf: [String: UInt16] = [:]
        let k = Double(resolution)
        for country in countries {
            let value: UInt16
            if let v = indexOf[country.code] { value = v } else {
                codes.append(country.code)
                value = UInt16(codes.count)
                indexOf[country.code] = value
            }
            // Crossings of each row centre by every edge of every ring.
            var crossings: [Int: [Double]] = [:]
            for ring in country.rings where ring.count >= 3 {
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[(i + 1) % ring.count]
                    let lo = min(a.lat, b.lat), hi = max(a.lat, b.lat)
                    guard hi > lo else { continue }
                    // Rows whose centre latitude lies in [lo, hi).
                    let first = Int(((lo + 90) * k - 0.5).rounded(.up)), last = Int(((hi + 90) * k - 0.5).rounded(.up)) - 1
                    guard first <= last else { continue }
                    for row in max(first, 0)...min(last, rows - 1) {
                        let lat = (Double(row) + 0.5) / k - 90
                        let t = (lat - a.lat) / (b.lat - a.lat)
                        crossings[row, default: []].append(a.lon + t * (b.lon - a.lon))
                    }
                }
            }
            for (row, xs) in crossings {
                let sorted = xs.sorted()
                var i = 0
                while i + 1 < sorted.count {
                    let from = Int(((sorted[i] + 180) * k - 0.5).rounded(.up))
                    let to = Int(((sorted[i + 1] + 180) * k - 0.5).rounded(.up)) - 1
                    if from <= to {
                        for column in max(from, 0)...min(to, columns - 1) { cells[row * columns + column] = value }
                    }
                    i += 2
                }
            }
        }
        return CountryGrid(cells: cells, codes: codes)
    }

    /// The country code at a point (any longitude; it is wrapped), or nil at sea.
    func country(lat: Double, lon: Double) -> String? {
        guard !cells.isEmpty, lat > -90, lat < 90 else { return nil }
        var x = lon.truncatingRemainder(dividingBy: 360)
        if x < -180 { x += 360 } else if x >= 180 { x -= 360 }
        let column = min(Int((x + 180) * Double(Self.resolution)), Self.columns - 1)
        let row = min(Int((lat + 90) * Double(Self.resolution)), Self.rows - 1)
        let v = cells[row * Self.columns + column]
        return v == 0 ? nil : codes[Int(v) - 1]
    }
}
