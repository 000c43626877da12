import Foundation

/// Local wall-clock arithmetic in a fixed UTC offset (China has no daylight saving).
enum LocalClock {
    /// Hours since local midnight, 0..<24.
    static func hour(_ date: Date, offset: Int) -> Double {
        let local = date.timeIntervalSince1970 + Double(offset)
        let day = (local / 86_400).rounded(.down) * 86_400
        return (local - day) / 3600
    }

    /// The instant at `hour` local on the same local day as `date`.
    static func sameDay(_ date: Date, hour: Double, offset: Int) -> Date {
        date.addingTimeInterval((hour - Self.hour(date, offset: offset)) * 3600)
    }

    /// The local calendar day number (days since 1970-01-01 local).
    static func day(_ date: Date, offset: Int) -> Int {
        Int(((date.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down))
    }
}
