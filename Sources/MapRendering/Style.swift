import Foundation

/// A map style: colours, line widths, dash patterns, fonts, markers and which layers show, read from
/// `styles/NAME.json`.
///
/// Loading is strict (`Style(file:data:)`): a missing or unknown key, a wrong type or an out-of-range value is a
/// `render.invalid_style` error naming the file, the key path and the problem.
public struct Style: Sendable, Hashable {
    /// A stroked line: colour, width in CSS pixels, dash lengths (empty for solid).
    public struct Line: Sendable, Hashable {
        public var colour: Colour
        public var width: Double
        public var dash: [Double]
    }

    /// A route line with the lighter, wider casing under it (komoot/staticmap).
    public struct RouteLine: Sendable, Hashable {
        public var colour: Colour
        public var width: Double
        public var dash: [Double]
        public var casingColour: Colour
        public var casingWidth: Double
    }

    public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
        case circle, square, diamond, pin, ring
    }

    public struct Marker: Sendable, Hashable {
        public var shape: MarkerShape
        /// Diameter (or side) in CSS pixels.
        public var size: Double
        public var fill: Colour
        public var stroke: Colour
        public var strokeWidth: Double
        /// A soft ring around the marker (the current position's "pulse"); size 0 for none.
        public var haloColour: Colour
        public var haloSize: Double
    }

    public struct Layers: Sendable, Hashable {
        public var provinceBorders: Bool
        public var prefectureBorders: Bool
        public var card: Bool
        public var scaleBar: Bool
        public var attribution: Bool
        /// Labels on intermediate hubs (origin, destination and current position are always labelled).
        public var hubLabels: Bool
        /// Country and province names for context, where they fit without touching the route.
        public var contextLabels: Bool
        /// Cities as small dots with their names, for context (`MapPlace`).
        public var cities: Bool
        /// Major rivers (GSHHG) as thin water-coloured lines under the route, from `MapDetail.riverZoom`.
        public var rivers: Bool
    }

    /// Context cities: a dot and a quiet label, fewer than the route's, spaced apart.
    public struct Cities: Sendable, Hashable {
        public var dotColour: Colour
        public var dotStroke: Colour
        public var dotSize: Double
        public var colour: Colour
        public var haloColour: Colour
        public var size: Double
        /// The label size of capitals and major cities.
        public var majorSize: Double
        public var maxLabels: Int
        /// The free space kept around each placed city label, so they do not crowd.
        public var spacing: Double
    }

    /// Country and province names: small, muted, under the route's own labels in priority.
    public struct ContextLabels: Sendable, Hashable {
        public var colour: Colour
        public var haloColour: Colour
        public var size: Double
        public var countrySize: Double
        public var maxLabels: Int
    }

    public struct Labels: Sendable, Hashable {
        public var size: Double
        /// Size of the origin, destination and current-position labels.
        public var importantSize: Double
        public var colour: Colour
        public var haloColour: Colour
        public var haloWidth: Double
        /// At most this many labels are placed (by priority).
        public var maxLabels: Int
        /// A stop label wider than this (points) is cut with "…".
        public var maxWidth: Double
    }

    public struct Card: Sendable, Hashable {
        public var fill: Colour
        public var border: Colour
        public var text: Colour
        public var muted: Colour
        public var titleSize: Double
        public var textSize: Double
        public var radius: Double
        public var barTrack: Colour
    }

    public struct ScaleBar: Sendable, Hashable {
        public var colour: Colour
        public var textColour: Colour
        public var haloColour: Colour
        public var textSize: Double
    }

    public var name: String
    public var fontFamily: String
    public var ocean: Colour
    public var land: Colour
    /// Land inside China (the base map's province polygons). Equal to `land` in the shipped styles: a separate
    /// fill of China's detailed outline costs about 4 ms of the 10 ms render budget, so it is skipped when equal.
    public var chinaLand: Colour
    public var lake: Colour
    public var coastline: Line
    public var countryBorder: Line
    public var provinceBorder: Line
    public var prefectureBorder: Line
    /// Major rivers; the width is for the city level (lod 3); coarser views draw them at `riverCoarseWidthFactor`.
    public var river: Line
    public var layers: Layers
    public var travelled: RouteLine
    public var remaining: RouteLine
    public var origin: Marker
    public var destination: Marker
    public var hub: Marker
    public var current: Marker
    public var labels: Labels
    public var contextLabels: ContextLabels
    public var cities: Cities
    /// The colour of progress (the card's bar), normally the travelled colour.
    public var card: Card
    public var scaleBar: ScaleBar
    public var attributionColour: Colour
    public var attributionSize: Double

    /// Parses a style file's bytes; `file` is used in error messages.
    public init(file: String, data: Data) throws {
        var r = try StyleReader(file: file, data: data)
        name = try r.string("name")
        _ = try r.string("description")
        fontFamily = try r.string("fontFamily")

        var map = try r.object("map")
        ocean = try map.colour("ocean")
        land = try map.colour("land")
        chinaLand = try map.colour("chinaLand")
        lake = try map.colour("lake")
        coastline = try Style.line(&map, "coastline")
        countryBorder = try Style.line(&map, "countryBorder")
        provinceBorder = try Style.line(&map, "provinceBorder")
        prefectureBorder = try Style.line(&map, "prefectureBorder")
        river = try Style.line(&map, "river")
        try map.finish()

        var l = try r.object("layers")
        layers = Layers(provinceBorders: try l.bool("provinceBorders"), prefectureBorders: try l.bool("prefectureBorders"),
                        card: try l.bool("card"), scaleBar: try l.bool("scaleBar"),
                        attribution: try l.bool("attribution"), hubLabels: try l.bool("hubLabels"),
                        contextLabels: try l.bool("contextLabels"), cities: try l.bool("cities"),
                        rivers: try l.bool("rivers"))
        try l.finish()

        var route = try r.object("route")
        travelled = try Style.routeLine(&route, "travelled")
        remaining = try Style.routeLine(&route, "remaining")
        try route.finish()

        var markers = try r.object("markers")
        origin = try Style.marker(&markers, "origin")
        destination = try Style.marker(&markers, "destination")
        hub = try Style.marker(&markers, "hub")
        current = try Style.marker(&markers, "current")
        try markers.finish()

        var lab = try r.object("labels")
        labels = Labels(size: try lab.number("size", in: 6...40), importantSize: try lab.number("importantSize", in: 6...48),
                        colour: try lab.colour("colour"), haloColour: try lab.colour("haloColour"),
                        haloWidth: try lab.number("haloWidth", in: 0...10),
                        maxLabels: Int(try lab.number("maxLabels", in: 0...64)),
                        maxWidth: try lab.number("maxWidth", in: 20...600))
        try lab.finish()

        var ctx = try r.object("contextLabels")
        contextLabels = ContextLabels(colour: try ctx.colour("colour"), haloColour: try ctx.colour("haloColour"),
                                      size: try ctx.number("size", in: 6...30),
                                      countrySize: try ctx.number("countrySize", in: 6...30),
                                      maxLabels: Int(try ctx.number("maxLabels", in: 0...64)))
        try ctx.finish()

        var city = try r.object("cities")
        cities = Cities(dotColour: try city.colour("dotColour"), dotStroke: try city.colour("dotStroke"),
                        dotSize: try city.number("dotSize", in: 0...12), colour: try city.colour("colour"),
                        haloColour: try city.colour("haloColour"), size: try city.number("size", in: 6...30),
                        majorSize: try city.number("majorSize", in: 6...30),
                        maxLabels: Int(try city.number("maxLabels", in: 0...64)),
                        spacing: try city.number("spacing", in: 0...60))
        try city.finish()

        var c = try r.object("card")
        card = Card(fill: try c.colour("fill"), border: try c.colour("border"), text: try c.colour("text"),
                    muted: try c.colour("muted"), titleSize: try c.number("titleSize", in: 6...48),
                    textSize: try c.number("textSize", in: 6...40), radius: try c.number("radius", in: 0...40),
                    barTrack: try c.colour("barTrack"))
        try c.finish()

        var s = try r.object("scaleBar")
        scaleBar = ScaleBar(colour: try s.colour("colour"), textColour: try s.colour("textColour"),
                            haloColour: try s.colour("haloColour"), textSize: try s.number("textSize", in: 6...30))
        try s.finish()

        var a = try r.object("attribution")
        attributionColour = try a.colour("colour")
        attributionSize = try a.number("size", in: 5...20)
        try a.finish()
        try r.finish()
    }

    private static func line(_ r: inout StyleReader, _ key: String) throws -> Line {
        var o = try r.object(key)
        let line = Line(colour: try o.colour("colour"), width: try o.number("width", in: 0...20), dash: try o.dash("dash"))
        try o.finish()
        return line
    }

    private static func routeLine(_ r: inout StyleReader, _ key: String) throws -> RouteLine {
        var o = try r.object(key)
        let line = RouteLine(colour: try o.colour("colour"), width: try o.number("width", in: 0.5...20),
                             dash: try o.dash("dash"), casingColour: try o.colour("casingColour"),
                             casingWidth: try o.number("casingWidth", in: 0...30))
        try o.finish()
        return line
    }

    private static func marker(_ r: inout StyleReader, _ key: String) throws -> Marker {
        var o = try r.object(key)
        let marker = Marker(shape: try o.choice("shape", MarkerShape.self), size: try o.number("size", in: 2...48),
                            fill: try o.colour("fill"), stroke: try o.colour("stroke"),
                            strokeWidth: try o.number("strokeWidth", in: 0...10),
                            haloColour: try o.colour("haloColour"), haloSize: try o.number("haloSize", in: 0...96))
        try o.finish()
        return marker
    }
}
