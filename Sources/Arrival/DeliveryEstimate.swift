/// What the estimator says about one parcel: the ETA, when there is one, and the predicted stops ahead.
public struct DeliveryEstimate: Sendable, Hashable {
    /// Nil when the destination is unknown or the parcel is delivered or going back.
    public var eta: ETA?
    /// The destination's sorting hub, when the destination is known and the parcel is not delivered or returning.
    public var predictedStops: [PredictedStop]

    public init(eta: ETA?, predictedStops: [PredictedStop]) {
        self.eta = eta
        self.predictedStops = predictedStops
    }

    /// No estimate and no predicted stop.
    public static let none = DeliveryEstimate(eta: nil, predictedStops: [])
}
