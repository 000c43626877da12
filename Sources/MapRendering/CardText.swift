import Foundation
import Geocoding

/// The words on the status card, in Chinese or English.
public struct CardText: Sendable, Hashable {
    public var title: String
    /// Carrier and number, small, beside the title.
    public var subtitle: String?
    public var lines: [String]
    /// 0…1, or nil when progress is unknown (no bar).
    public var progress: Double?
    public var progressText: String?

    /// The card's words for `scene` in `language`.
    public init(scene: MapScene, language: RenderOptions.Language) {
        let zh = language == .zh
        let carrier = zh ? scene.carrier : (scene.carrierEnglish ?? scene.carrier)
        subtitle = [carrier, scene.number.map(CardText.shortenedNumber)].compactMap { $0 }
            .joined(separator: " ").nilIfEmpty
        if scene.isUnknown {
            title = zh ? "路线未知" : "Route unknown"
            var lines = [zh ? "没有可在地图上定位的物流事件" : "No event could be placed on the map"]
            if scene.state != .unknown {
                lines.append(zh ? "状态：\(scene.state.chineseLabel)" : "Status: \(scene.state.englishLabel)")
            }
            if let time = scene.lastEventTime {
                lines.append((zh ? "最后更新：" : "Last update: ") + CardText.format(time, offset: scene.lastEventUTCOffset,
                                                                                    zone: scene.lastEventZoneKnown))
            }
            self.lines = lines
            progress = nil
            progressText = nil
            return
        }
        title = zh ? scene.state.chineseLabel : scene.state.englishLabel
        var lines: [String] = []
        let place = zh ? scene.currentName : (scene.currentEnglishName ?? scene.currentName)
        if let place {
            lines.append((zh ? "当前位置：" : "Now at: ") + MapLayout.typeset(place))
        }
        // No delivery date for a parcel that is delivered, going back, or in trouble (its next step is unknown).
        if let expected = scene.expected, ![.delivered, .returning, .problem].contains(scene.state) {
            lines.append(expected.text(language))
        }
        if let time = scene.lastEventTime {
            lines.append((zh ? "最后更新：" : "Last update: ") + CardText.format(time, offset: scene.lastEventUTCOffset,
                                                                                    zone: scene.lastEventZoneKnown))
        }
        self.lines = lines
        progress = scene.progress.map { min(max($0, 0), 1) }
        // Progress and distance come from the route, computed once; the card words them without contradiction
        // (issue 15 §3): no "0% · 0.0 km", an honest "destination unknown", arrival in the destination city.
        let delivered = scene.state == .delivered
        if progress != nil, !delivered, let km = scene.remainingKm, km < CardText.arrivedKm {
            // Nothing left to travel but not delivered: said in words; a bar at 0% (same city) or 100% would
            // contradict them.
            progress = nil
            progressText = scene.state == .returning ? (zh ? "已回到寄件城市" : "Back in the sender's city")
                : (zh ? "已到达目的城市" : "In the destination city")
        } else if let p = progress {
            let percent = Int((p * 100).rounded())
            var text = zh ? "已完成 \(percent)%" : "\(percent)% complete"
            if let km = scene.remainingKm, km >= CardText.arrivedKm {  // no "剩余 0.0 km" once there
                let distance = CardText.kilometres(km)
                text += zh ? " · 剩余 \(distance)" : " · \(distance) left"
            }
            progressText = text
        } else if let km = scene.remainingKm {
            progressText = zh ? "剩余 \(CardText.kilometres(km))" : "\(CardText.kilometres(km)) left"
        } else {
            progressText = delivered ? nil : (zh ? "目的地未知" : "Destination unknown")
        }
    }

    /// Less than this (km) left while not delivered: the parcel is in the destination city.
    static let arrivedKm = 0.5
    /// Tracking numbers longer than this are shortened in the middle on the card.
    static let longNumber = 18

    /// A long tracking number shortened in the middle ("4PX300129…278502CN"), so both ends stay readable.
    public static func shortenedNumber(_ number: String) -> String {
        guard number.count > longNumber else { return number }
        return String(number.prefix(8)) + "…" + String(number.suffix(8))
    }

    /// `2024-05-02 14:30 UTC+8` in the event's own offset (deterministic: no locale, no time zone database).
    /// Without `zone`, the time as the carrier wrote it, with no offset named.
    public static func format(_ date: Date, offset: Int, zone showZone: Bool = true) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let sign = offset < 0 ? "-" : "+"
        let h = abs(offset) / 3600, m = (abs(offset) % 3600) / 60
        let zone = m == 0 ? "UTC\(sign)\(h)" : String(format: "UTC%@%d:%02d", sign, h, m)
        let time = String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                          c.minute ?? 0)
        return showZone ? time + " " + zone : time
    }

    /// `1,234 km`, `56 km`, `0.8 km`.
    public static func kilometres(_ km: Double) -> String {
        if km < 10 { return String(format: "%.1f km", max(km, 0)) }
        let whole = Int(km.rounded())
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped + " km"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
