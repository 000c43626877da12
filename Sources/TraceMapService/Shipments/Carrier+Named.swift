import Geocoding

extension Carrier {
    /// Finds a carrier by its canonical id, Kdniao code or Kuaidi100 code, case-insensitively.
    /// - Throws: `ShipmentError.unknownCarrier` naming the code.
    public static func named(_ code: String) throws -> Carrier {
        guard let carrier = find(code) else { throw ShipmentError.unknownCarrier(code) }
        return carrier
    }
}
