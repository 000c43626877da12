import Foundation
import Geocoding

/// A shipment's identity: its canonical carrier and its tracking number.
public struct ShipmentKey: Sendable, Hashable, CustomStringConvertible {
    public let carrier: Carrier
    public let number: String

    /// The longest tracking number accepted; real ones are under 40 characters.
    public static let maxNumberLength = 64

    /// Validates a tracking number: 1–64 characters of letters, digits and `-_`.
    /// - Throws: `ShipmentError.badNumber` for an empty, long or odd number.
    public init(carrier: Carrier, number raw: String) throws {
        let number = raw.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else { throw ShipmentError.missingNumber }
        guard number.count <= ShipmentKey.maxNumberLength,
              number.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                  || $0 == "-" || $0 == "_") })
        else { throw ShipmentError.badNumber(raw) }
        self.carrier = carrier
        self.number = number
    }

    public var description: String { "\(carrier.id)/\(number)" }
}
