import Geo

/// A stop the parcel has not reached and no event named, predicted by the estimator: the destination's sorting hub
/// (its prefecture seat), the way the aggregators' predicted routes mark a node `predicted`.
public struct PredictedStop: Sendable, Hashable {
    /// The prefecture's name (杭州市).
    public var name: String
    /// The prefecture seat, WGS-84.
    public var coordinate: Coordinate
    /// Always true: the stop is a prediction, not a scan.
    public var predicted: Bool { true }

    public init(name: String, coordinate: Coordinate) {
        self.name = name
        self.coordinate = coordinate
    }
}
