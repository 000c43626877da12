/// Bad input to the shipment store or its webhooks: each has a stable code and an HTTP status.
public enum ShipmentError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownCarrier(String)
    case missingNumber
    case badNumber(String)
    case badField(String, String)
    case badSignature(String)
    case notConfigured(String)
    case notFound(String)

    /// A stable machine-readable code, as the problem+json body carries it.
    public var code: String {
        switch self {
        case .unknownCarrier: return "shipment.unknown_carrier"
        case .missingNumber: return "shipment.missing_number"
        case .badNumber: return "shipment.bad_number"
        case .badField: return "webhook.bad_field"
        case .badSignature: return "webhook.bad_signature"
        case .notConfigured: return "webhook.not_configured"
        case .notFound: return "shipment.not_found"
        }
    }

    /// The HTTP status the service answers with.
    public var httpStatus: Int {
        switch self {
        case .unknownCarrier, .missingNumber, .badNumber, .badField: return 400
        case .badSignature: return 401
        case .notConfigured: return 503
        case .notFound: return 404
        }
    }

    public var description: String {
        switch self {
        case .unknownCarrier(let code): return "unknown carrier code '\(code)'"
        case .missingNumber: return "the tracking number is missing"
        case .badNumber(let number):
            return "tracking number '\(number.prefix(80))' is not 1–64 letters, digits, '-' or '_'"
        case .badField(let field, let problem): return "field '\(field)': \(problem)"
        case .badSignature(let what): return "\(what) signature does not match"
        case .notConfigured(let what): return "\(what) is not configured on this server"
        case .notFound(let key): return "no shipment \(key)"
        }
    }
}
