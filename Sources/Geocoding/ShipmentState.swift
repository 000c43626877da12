/// The normalised state of a shipment, derived from vendor codes when present and from the text otherwise.
public enum ShipmentState: String, Sendable, Hashable, Codable, CaseIterable {
    case collected
    case inTransit = "in-transit"
    case outForDelivery = "out-for-delivery"
    case delivered
    case problem
    case returning
    case customs
    case unknown

    /// The Chinese label used on maps and status cards (已揽收 / 运输中 / …).
    public var chineseLabel: String {
        switch self {
        case .collected: return "已揽收"
        case .inTransit: return "运输中"
        case .outForDelivery: return "派送中"
        case .delivered: return "已签收"
        case .problem: return "问题件"
        case .returning: return "退回中"
        case .customs: return "清关中"
        case .unknown: return "状态未知"
        }
    }

    /// The English label used with `--lang en`.
    public var englishLabel: String {
        switch self {
        case .collected: return "Collected"
        case .inTransit: return "In transit"
        case .outForDelivery: return "Out for delivery"
        case .delivered: return "Delivered"
        case .problem: return "Problem"
        case .returning: return "Returning"
        case .customs: return "In customs"
        case .unknown: return "Unknown"
        }
    }
}
