import Foundation
import Geocoding
import MapRendering
import Routing

/// The one- or two-sentence answer to "where is my parcel?", in Chinese or English, made only from the trace and
/// its route: a place, a next stop, a share or a distance is said only when the data holds it.
struct StatusSentence {
    let trace: GeocodedTrace
    let route: Route
    let language: RenderOptions.Language
    /// The estimated delivery, said when the parcel is under way.
    var expected: ExpectedDelivery? = nil

    /// The name a reader should see for a place: a doubtful site by its city (`LocatedPlace.siteLabelConfidence`),
    /// the English name on English answers when there is one.
    func name(_ place: LocatedPlace) -> String {
        if place.confidence < LocatedPlace.siteLabelConfidence, let area = place.area { return area }
        if language == .en, let english = place.englishName, !english.isEmpty { return english }
        return place.name
    }

    /// The event time in its own offset, "12月3日 14:05" or "Dec 3, 14:05".
    func time(_ event: GeocodedEvent) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: event.utcOffsetSeconds) ?? TimeZone(secondsFromGMT: 8 * 3600)
        formatter.locale = Locale(identifier: language == .zh ? "zh_CN" : "en_US_POSIX")
        formatter.dateFormat = language == .zh ? "M月d日 HH:mm" : "MMM d, HH:mm"
        return formatter.string(from: event.time)
    }

    var text: String {
        let zh = language == .zh
        let placed = trace.events.last { $0.place != nil }
        let last = trace.events.last
        let state = zh ? trace.state.chineseLabel : trace.state.englishLabel.lowercased()
        var sentence: String
        if trace.state == .delivered, let at = placed?.place, let event = last {
            sentence = zh ? "您的包裹已于 \(time(event)) 在【\(name(at))】签收"
                : "Your parcel was delivered at \(name(at)) on \(time(event))"
        } else if let event = placed, let at = event.place, let next = event.next, event.index == last?.index {
            sentence = zh ? "您的包裹已离开【\(name(at))】，发往【\(name(next))】，\(state)"
                : "Your parcel left \(name(at)) for \(name(next)), \(state)"
        } else if let at = placed?.place {
            sentence = zh ? "您的包裹目前在【\(name(at))】，\(state)" : "Your parcel is at \(name(at)), \(state)"
        } else {
            sentence = zh ? "您的包裹\(state)，暂无位置信息" : "Your parcel is \(state); no place is known yet"
        }
        if trace.state != .delivered {
            if let progress = route.progress, let km = route.remainingKm, route.destination != nil, km >= 0.5 {
                let share = Int((progress * 100).rounded())
                let distance = Int(km.rounded())
                sentence += zh ? "，已完成 \(share)%，剩余约 \(distance) 公里" : "; \(share)% of the way, about \(distance) km to go"
            } else if route.destination != nil, let km = route.remainingKm, km < 0.5 {
                sentence += zh ? "，已到达目的城市" : "; it has reached the destination city"
            } else if route.destination == nil, placed != nil {
                sentence += zh ? "，目的地未知" : "; the destination is unknown"
            }
        }
        if let expected, ![.delivered, .returning].contains(trace.state) {
            let phrase = expected.text(language)
            sentence += zh ? "，\(phrase)" : "; \(phrase.prefix(1).lowercased() + phrase.dropFirst())"
        }
        sentence += zh ? "。" : "."
        if trace.state != .delivered, let event = last {
            sentence += zh ? "最后更新 \(time(event))。" : " Last update \(time(event))."
        }
        return sentence
    }
}
