import Gazetteer
import Geo
import Geocoding

/// Deciding whether two located places are one stop, and which of them describes it best.
enum PlaceMatching {
    /// Whether `p` may make a stop: present, confident enough and with a valid coordinate.
    static func usable(_ p: LocatedPlace?, _ settings: RouteSettings) -> LocatedPlace? {
        guard let p, p.confidence >= settings.minConfidence, p.coordinate.isValid else { return nil }
        return p
    }

    /// Whether `a` and `b` are the same stop. They are when any of these holds:
    /// 1. they have the same code in the same country;
    /// 2. they are within `mergeRadiusKm`;
    /// 3. one is a country or region and the other lies in the same country;
    /// 4. both are in China with adcodes and the coarser one's code contains the finer one's (440000 ⊃ 440300 ⊃ 440305);
    /// 5. one is a city and the other, finer, lies within `cityRadiusKm` of it.
    static func isSame(_ a: LocatedPlace, _ b: LocatedPlace, _ settings: RouteSettings) -> Bool {
        if let ca = a.code, ca == b.code, a.country == b.country { return true }
        if a.coordinate.kilometres(to: b.coordinate) <= settings.mergeRadiusKm { return true }
        let (coarse, fine) = a.level.fineness <= b.level.fineness ? (a, b) : (b, a)
        guard coarse.level.fineness < fine.level.fineness else { return false }
        switch coarse.level {
        case .country, .region:
            return coarse.country == fine.country
        default:
            break
        }
        if let prefix = adcodePrefix(coarse), let fineCode = fine.code, isAdcode(fineCode),
           coarse.country == fine.country, fineCode.hasPrefix(prefix)
        {
            return true
        }
        if coarse.level == .city || coarse.level == .foreignCity {
            return coarse.coordinate.kilometres(to: fine.coordinate) <= settings.cityRadiusKm
        }
        return false
    }

    /// The place that describes a stop better: the finer level, then the higher confidence, then `current`.
    static func better(_ current: LocatedPlace, _ candidate: LocatedPlace) -> LocatedPlace {
        if candidate.level.fineness != current.level.fineness {
            return candidate.level.fineness > current.level.fineness ? candidate : current
        }
        return candidate.confidence > current.confidence ? candidate : current
    }

    /// The significant prefix of a Chinese adcode: "440000" → "44", "440300" → "4403", "440305" → "440305".
    static func adcodePrefix(_ p: LocatedPlace) -> String? {
        guard p.country == "CN", let code = p.code, isAdcode(code) else { return nil }
        var s = Substring(code)
        while s.count > 2 && s.hasSuffix("00") { s = s.dropLast(2) }
        return String(s)
    }

    static func isAdcode(_ code: String) -> Bool {
        code.utf8.count == 6 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
