import Foundation

/// When a parcel is expected, as the card and the agents' answers say it: a day and a part of the day in the
/// destination's time ("预计 12月3日 下午送达", "Expected Dec 3, afternoon"), never a false minute.
public struct ExpectedDelivery: Sendable, Hashable {
    public var likely: Date
    /// Seconds east of UTC of the destination.
    public var utcOffsetSeconds: Int

    public init(likely: Date, utcOffsetSeconds: Int) {
        self.likely = likely
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The phrase in `language`.
    public func text(_ language: RenderOptions.Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds) ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.month, .day, .hour], from: likely)
        let month = c.month ?? 1, day = c.day ?? 1, hour = c.hour ?? 12
        switch language {
        case .zh:
            let part = switch hour {
            case 0..<6: "凌晨"
            case 6..<12: "上午"
            case 12..<14: "中午"
            case 14..<18: "下午"
            default: "晚上"
            }
            return "预计 \(month)月\(day)日 \(part)送达"
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let part = switch hour {
            case 0..<6: "early morning"
            case 6..<12: "morning"
            case 12..<18: "afternoon"
            default: "evening"
            }
            return "Expected \(months[max(0, min(11, month - 1))]) \(day), \(part)"
        }
    }
}
