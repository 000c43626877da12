import Geocoding

/// Whether an event says the parcel is going back to its sender (退回).
enum ReturnSignal {
    /// Phrases that mean a return to sender, in the carriers' Chinese and English wording (matched lowercased).
    static let phrases = ["退回", "退件", "退还", "退返", "返回寄件", "原件返回", "return to sender", "returned to sender",
                          "returning to sender", "return to shipper", "returned to shipper"]

    static func isReturn(_ event: GeocodedEvent) -> Bool {
        if event.state == .returning { return true }
        let text = event.text.lowercased()
        return phrases.contains { text.contains($0) }
    }
}
