import Gazetteer
import Geo
import Geocoding

/// Deciding whether two located places are one stop, and which of them describes it best.
///
/// The geocoder puts a logistics site (level `hub`) at the point of the gazetteer place it resolved to and gives
/// it that place's code, so "深圳华南陆运枢纽" filed under 深圳市 carries 440300 and Shenzhen's point. Chinese
/// adcodes are therefore the most reliable evidence of where a place is, and are used first.
enum PlaceMatching {
    /// Whether `p` may make a stop: present, confident enough and with a valid coordinate.
    static func usable(_ p: LocatedPlace?, _ settings: RouteSettings) -> LocatedPlace? {
        guard let p, p.confidence >= settings.minConfidence, p.coordinate.isValid else { return nil }
        return p
    }

    /// Whether `a` and `b` are the same stop. In order:
    /// 1. the same code in the same country: same;
    /// 2. within `mergeRadiusKm`: same;
    /// 3. both in China with adcodes: same exactly when one contains the other (440000 ⊃ 440300 ⊃ 440305);
    /// 4. one is a country or region: same when the other lies in that country;
    /// 5. one is a city and the other a finer place in the same country within `cityRadiusKm` of it: same.
    static func isSame(_ a: LocatedPlace, _ b: LocatedPlace, _ settings: RouteSettings) -> Bool {
        if let ca = a.code, ca == b.code, a.country == b.country { return true }
        if a.coordinate.kilometres(to: b.coordinate) <= settings.mergeRadiusKm { return true }
        if let pa = adcodePrefix(a), let pb = adcodePrefix(b) {
            return pa.hasPrefix(pb) || pb.hasPrefix(pa)
        }
        let (coarse, fine) = a.level.fineness <= b.level.fineness ? (a, b) : (b, a)
        guard coarse.level.fineness < fine.level.fineness, coarse.country == fine.country else { return false }
        switch coarse.level {
        case .country, .region:
            return true
        case .city, .foreignCity:
            return coarse.coordinate.kilometres(to: fine.coordinate) <= settings.cityRadiusKm
        default:
            return false
        }
    }

    /// Whether `p` is the stop described best by `best` that was also named `named`: the same place as `best`, or
    /// else as one of `named` that is city-level or finer, unless the adcodes of `p` and `best` say they are apart
    /// (two districts of the city the stop first named are two stops). Countries, regions and provinces named
    /// along the way are not matched, so they cannot pull in a far-away place.
    static func matches(_ p: LocatedPlace, best: LocatedPlace, named: [LocatedPlace],
                        _ settings: RouteSettings) -> Bool
    {
        if isSame(best, p, settings) { return true }
        if adcodePrefix(best) != nil && adcodePrefix(p) != nil { return false }
        return named.contains { $0.level.fineness >= PlaceLevel.city.fineness && isSame($0, p, settings) }
    }

    /// The place that describes a stop better: the more precise adcode (when both have one), then the finer level,
    /// then the higher confidence, then `current` (the earlier one).
    static func better(_ current: LocatedPlace, _ candidate: LocatedPlace) -> LocatedPlace {
        if let pc = adcodePrefix(current)?.count, let pk = adcodePrefix(candidate)?.count, pc != pk {
            return pk > pc ? candidate : current
        }
        if candidate.level.fineness != current.level.fineness {
            return candidate.level.fineness > current.level.fineness ? candidate : current
        }
        return candidate.confidence > current.confidence ? candidate : current
    }

    /// The significant prefix of a Chinese adcode: "440000" → "44", "440300" → "4403", "440305" → "440305".
    /// Nil for places outside China or without a six-digit code (IATA codes, GeoNames ids).
    static func adcodePrefix(_ p: LocatedPlace) -> String? {
        guard p.country == "CN", let code = p.code, code.utf8.count == 6,
              code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        var s = Substring(code)
        while s.count > 2 && s.hasSuffix("00") { s = s.dropLast(2) }
        return String(s)
    }
}
