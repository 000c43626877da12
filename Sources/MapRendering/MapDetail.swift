/// Zoom thresholds that decide how much of the map to show, as named settings.
public struct MapDetail: Sendable, Hashable {
    /// The view never zooms out beyond this (a 2^z × 256 px world).
    public var minZoom: Double
    /// Nor in beyond this: a same-city route shows its city and surroundings, not an empty street grid.
    public var maxZoom: Double
    /// Base map level of detail 1 (country) from this zoom, level 2 (province) from the next, level 3 (city) from
    /// the last.
    public var countryLODZoom: Double
    public var provinceLODZoom: Double
    public var cityLODZoom: Double
    /// Rivers show from this zoom (when the style has them).
    public var riverZoom: Double
    /// Province borders show from this zoom (the view is about a country) …
    public var provinceBorderZoom: Double
    /// … and prefecture borders from this one (the view is about a province).
    public var prefectureBorderZoom: Double
    /// Borders are drawn from the level of detail of a zoom this much lower: a 1 px line hides the coarser
    /// simplification, and stroking fewer vertices saves about a millisecond on a country view.
    public var borderZoomOffset: Double
    /// Below this width or height the status card shrinks to a one-line pill.
    public var fullCardMinWidth: Double
    public var fullCardMinHeight: Double

    public init(minZoom: Double = 0.5, maxZoom: Double = 11, countryLODZoom: Double = 3.0,
                provinceLODZoom: Double = 5.0, cityLODZoom: Double = 6.8, riverZoom: Double = 5.5,
                provinceBorderZoom: Double = 3.2, prefectureBorderZoom: Double = 6.3,
                borderZoomOffset: Double = 2.0, fullCardMinWidth: Double = 480, fullCardMinHeight: Double = 320)
    {
        self.borderZoomOffset = borderZoomOffset
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.countryLODZoom = countryLODZoom
        self.provinceLODZoom = provinceLODZoom
        self.cityLODZoom = cityLODZoom
        self.riverZoom = riverZoom
        self.provinceBorderZoom = provinceBorderZoom
        self.prefectureBorderZoom = prefectureBorderZoom
        self.fullCardMinWidth = fullCardMinWidth
        self.fullCardMinHeight = fullCardMinHeight
    }

    public static let `default` = MapDetail()

    /// The base map level for a zoom.
    func lod(zoom: Double) -> Int {
        zoom >= cityLODZoom ? 3 : zoom >= provinceLODZoom ? 2 : zoom >= countryLODZoom ? 1 : 0
    }
}
