import Foundation
import Gazetteer
import Geo

/// Writes one stress trace between two stops in carrier phrasing, with its labels.
///
/// The templates (20, each with a stable id) cover the shapes the issue lists: a hub with a site word, with and
/// without an inner district; arrival; departure with a next stop; a bracket prefix; courier-name noise
/// (派件员, 快递员, 揽收员, a name before a phone number); address noise (a road and house number); a truck position;
/// signatures that name no place. Names and phone numbers are made up from common surnames and given names.
struct StressTraceWriter {
    let g: Gazetteer
    let geography: StressGeography

    init(gazetteer: Gazetteer, geography: StressGeography) {
        self.g = gazetteer
        self.geography = geography
    }

    struct Written {
        let id: String
        let input: Data
        let labels: [GeocodeEvaluation.Label]
        let templates: [String]
    }

    /// The words a template fills in for a stop.
    private struct Words {
        let province: String   // "" when it repeats the prefecture (北京市北京市)
        let prefecture: String
        let prefectureShort: String
        let county: String?
        let countyShort: String?
        let town: String?
    }

    private func words(_ s: StressStop) -> Words {
        let p = g[s.prefecture]
        let provinceName = g.enclosing(s.prefecture, level: .province).map { g[$0].name } ?? ""
        func short(_ place: Place) -> String {
            guard let sh = place.shortName, sh.count >= 2 else { return place.name }
            return sh
        }
        return Words(province: provinceName == p.name ? "" : provinceName, prefecture: p.name,
                     prefectureShort: short(p), county: s.county.map { g[$0].name },
                     countyShort: s.county.map { short(g[$0]) }, town: s.town.map { g[$0].name })
    }

    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    private static let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                                "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "红梅", "小龙"]
    private static let roads = ["人民路", "解放路", "建设路", "和平路", "新华路", "胜利路", "文化路", "幸福路", "光明路",
                                "团结路", "中山路", "长江路", "工业路", "站前路", "城南路"]

    private func person(_ rng: inout SplitMix64) -> String {
        String(rng.pick(Self.surnames)) + rng.pick(Self.given)
    }

    private func phone(_ rng: inout SplitMix64) -> String {
        "1" + rng.pick(["38", "39", "58", "86", "77", "35"]) + String(format: "%08d", rng.below(100_000_000))
    }

    /// One event being written: its offset in minutes from the trace's start, text, template and labels.
    private struct Draft {
        let minutes: Int
        let text: String
        let template: String
        let at: GeocodeEvaluation.Truth?
        let finest: GeocodeEvaluation.Truth?
        let next: GeocodeEvaluation.Truth?
    }

    func trace(id: String, from o: StressStop, to d: StressStop, rng: inout SplitMix64) -> Written {
        let ow = words(o), dw = words(d)
        let km = g.anchor(of: o.prefecture).kilometres(to: g.anchor(of: d.prefecture))
        // Road below 1,200 km at about 60 km/h plus handling; by air above, with a day's handling.
        let travel = km < 1_200 ? Int(km / 60 * 60) + 120 : Int(km / 700 * 60) + 600
        var drafts: [Draft] = []
        var clock = 0
        func add(_ after: Int, _ template: String, _ text: String, at: GeocodeEvaluation.Truth?,
                 finest: GeocodeEvaluation.Truth? = nil, next: GeocodeEvaluation.Truth? = nil) {
            clock += after
            drafts.append(Draft(minutes: clock, text: text, template: template, at: at, finest: finest, next: next))
        }
        let oFine = o.town ?? o.county
        let dFine = d.town ?? d.county
        let oPlace = (ow.countyShort ?? "") + (ow.town ?? "")
        let dPlace = (dw.countyShort ?? "") + (dw.town ?? "")

        // Pick-up at the origin.
        switch rng.below(3) {
        case 0 where !oPlace.isEmpty:
            add(0, "pickup-zto", "【\(ow.prefecture)】 \(oPlace)网点 的 \(person(&rng))（\(phone(&rng))）已揽收",
                at: geography.at(o, naming: oFine), finest: geography.county(o, naming: o.town))
        case 1 where ow.county != nil:
            add(0, "pickup-yto", "【\(ow.province)\(ow.prefecture)\(ow.county!)公司】 已收件 取件人: \(person(&rng)) (\(phone(&rng)))",
                at: geography.at(o, naming: o.county), finest: geography.county(o, naming: nil))
        case 2 where !oPlace.isEmpty:
            add(0, "pickup-outlet", "\(ow.prefecture)\((ow.county ?? ""))\((ow.town ?? ""))营业部 已揽件，揽收员：\(person(&rng))，电话：\(phone(&rng))",
                at: geography.at(o, naming: oFine), finest: geography.county(o, naming: o.town))
        default:
            add(0, "pickup-sf", "【\(ow.prefecture)】顺丰速运 已收取快件", at: geography.at(o, naming: nil))
        }
        // The origin hub.
        let oHubInner = ow.countyShort.map { ow.prefectureShort + $0 }
        switch rng.below(3) {
        case 0 where oHubInner != nil:
            add(240, "hub-arrive-inner", "快件已到达【\(oHubInner!)转运中心】",
                at: geography.at(o, naming: o.county), finest: geography.county(o, naming: nil))
        case 1 where oHubInner != nil:
            add(240, "hub-arrive-bracket", "[\(ow.prefecture)]快件到达 \(oHubInner!)分拨中心",
                at: geography.at(o, naming: o.county), finest: geography.county(o, naming: nil))
        default:
            add(240, "hub-received", "【\(ow.prefectureShort)转运中心】已收入", at: geography.at(o, naming: nil))
        }
        // Departure, naming the next hub.
        let dHubInner = dw.countyShort.map { dw.prefectureShort + $0 }
        let dCity = geography.at(d, naming: nil)
        switch rng.below(3) {
        case 0:
            let inner = oHubInner ?? ow.prefectureShort
            add(180, "depart-sorted", "快件在【\(inner)中转场】完成分拣，准备发往【\(dw.prefectureShort)中转场】",
                at: geography.at(o, naming: oHubInner == nil ? nil : o.county),
                finest: oHubInner == nil ? nil : geography.county(o, naming: nil), next: dCity)
        case 1 where dHubInner != nil:
            add(180, "depart-next-inner", "【\(ow.prefectureShort)转运中心】已发出，下一站【\(dHubInner!)转运中心】",
                at: geography.at(o, naming: nil), next: geography.county(d, naming: nil))
        default:
            add(180, "depart-on-the-way", "快件离开【\(ow.prefectureShort)集散中心】，已在发往【\(dw.prefectureShort)集散中心】的路上",
                at: geography.at(o, naming: nil), next: dCity)
        }
        // A truck position on the way.
        if let m = geography.midway(o, d) {
            let mw = words(m)
            add(travel / 2, "truck-position", "运输中，车辆当前位置：\(mw.province)\(mw.prefecture)\(mw.county ?? "")附近",
                at: geography.at(m, naming: m.county), finest: geography.county(m, naming: nil))
            add(travel - travel / 2, "hub-arrive", "快件已到达【\(dw.prefectureShort)转运中心】", at: dCity)
        } else if rng.below(2) == 0, let inner = dHubInner {
            add(travel, "hub-arrive-to", "到【\(inner)分拨中心】",
                at: geography.at(d, naming: d.county), finest: geography.county(d, naming: nil))
        } else {
            add(travel, "hub-arrive", "快件已到达【\(dw.prefectureShort)转运中心】", at: dCity)
        }
        // On to the delivery station, then the station, the courier and the signature.
        if let county = dw.county {
            if rng.below(2) == 0 {
                add(150, "station-next", "【\(dw.prefectureShort)转运中心】已发出 下一站【\(dw.prefecture)\(county)公司】",
                    at: dCity, next: geography.county(d, naming: nil))
            } else {
                add(150, "station-heading", "快件已从\(dw.prefectureShort)分拨中心发出，正发往\(dw.countyShort ?? county)营业部",
                    at: dCity, next: geography.county(d, naming: nil))
            }
        }
        if !dPlace.isEmpty {
            let at = geography.at(d, naming: dFine), fine = geography.county(d, naming: d.town)
            if rng.below(2) == 0 {
                add(240, "station-arrive", "快件已到达【\(dPlace)营业部】", at: at, finest: fine)
            } else {
                add(240, "station-arrive-bracket", "【\(dw.prefecture)】快件已到达 \((dw.county ?? ""))\((dw.town ?? ""))网点",
                    at: at, finest: fine)
            }
            switch rng.below(3) {
            case 0:
                add(60, "courier-dispatcher", "【\(dw.prefecture)】\(dPlace)网点 派件员：\(person(&rng)) \(phone(&rng)) 正在为您派件",
                    at: at, finest: fine)
            case 1:
                add(60, "courier-phone", "\((dw.county ?? ""))\((dw.town ?? ""))营业点 快递员\(person(&rng))（\(phone(&rng))）正在派件，请保持电话畅通",
                    at: at, finest: fine)
            default:
                add(60, "address-locker", "您的快件已存放至【\(dPlace)\(rng.pick(Self.roads))\(1 + rng.below(300))号菜鸟驿站】，请凭取件码及时领取",
                    at: at, finest: fine)
            }
        }
        let last = drafts[drafts.count - 1]
        if rng.below(2) == 0 {
            add(180, "signed-person", "快件已签收，签收人：\(person(&rng))，如有疑问请联系\(phone(&rng))",
                at: last.at, finest: last.finest)
        } else {
            add(180, "signed-code", "已签收，签收人凭取货码签收。感谢使用，期待再次为您服务", at: last.at, finest: last.finest)
        }

        let start = 9 * 60 + rng.below(600)
        let day = rng.below(300)
        let events: [[String: Any]] = drafts.map { ["time": Self.time(day: day, minutes: start + $0.minutes), "text": $0.text] }
        let input = (try? JSONSerialization.data(withJSONObject: ["carrier": "stress", "number": id, "events": events],
                                                 options: [.sortedKeys])) ?? Data()
        let labels = drafts.enumerated().map { i, d in GeocodeEvaluation.Label(index: i, at: d.at, finest: d.finest, next: d.next) }
        return Written(id: id, input: input, labels: labels, templates: drafts.map(\.template))
    }

    /// "2026-MM-DD HH:MM:00", `day` days after 2026-01-01 plus `minutes`.
    static func time(day: Int, minutes: Int) -> String {
        var d = day + minutes / 1440
        let m = minutes % 1440
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var year = 2026, month = 0
        while d >= lengths[month] + (month == 1 && year % 4 == 0 ? 1 : 0) {
            d -= lengths[month] + (month == 1 && year % 4 == 0 ? 1 : 0)
            month += 1
            if month == 12 { month = 0; year += 1 }
        }
        return String(format: "%04d-%02d-%02d %02d:%02d:00", year, month + 1, d + 1, m / 60, m % 60)
    }
}
