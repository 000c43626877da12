import Gazetteer
import Geocoding

/// The short map label of a route stop, in Chinese or English, from the places that described it.
///
/// A stop named by a foreign site ("LOS ANGELES CA NETWORK DISTRIBUTION CENTER") or an airport with only an
/// English name makes a poor label on a Chinese map. So, in Chinese, a stop whose own name has no Chinese
/// characters takes the Chinese name of the finest place that also described it (the city it was filed under,
/// 洛杉矶); the geocoder already names places the gazetteer has a Chinese name for in Chinese (香港国际机场). In
/// English, a Latin site name is title-cased and shortened ("Los Angeles NDC", "Chek Lap Kok Airport"); other
/// stops use their English name, or that of a coarser place that described them.
enum StopName {
    /// The label for `place` described also by `named` (the route stop's `namedPlaces`).
    static func label(_ place: LocatedPlace, named: [LocatedPlace], language: RenderOptions.Language) -> String {
        language == .zh ? chinese(place, named: named) : english(place, named: named)
    }

    static func chinese(_ place: LocatedPlace, named: [LocatedPlace]) -> String {
        // A doubtful site is labelled by the place it lies in: the map does not present a guess as fact.
        if place.level == .hub, place.confidence < LocatedPlace.siteLabelConfidence, let area = place.area, hasHan(area) {
            return area
        }
        if hasHan(place.name) { return place.name }
        // The place the site was filed under (same code), else the finest city or coarser place: another site
        // of the stop (an airport beside a hub) is not where the parcel is.
        let han = named.filter { hasHan($0.name) }
        if let filed = han.first(where: { $0.code != nil && $0.code == place.code && $0.country == place.country }) {
            return filed.name
        }
        let containers = han.filter { $0.level.fineness <= PlaceLevel.city.fineness }
        if let best = containers.max(by: { $0.level.fineness < $1.level.fineness }) { return best.name }
        return english(place, named: named)
    }

    static func english(_ place: LocatedPlace, named: [LocatedPlace]) -> String {
        if !hasHan(place.name) { return shortened(place.name, country: place.country) }
        if let en = place.englishName, !en.isEmpty { return shortened(en, country: place.country) }
        // A Chinese site without an English name: the English name of the finest city or coarser place.
        let coarser = named.filter {
            $0.level.fineness <= PlaceLevel.city.fineness && (($0.englishName ?? "").isEmpty == false || !hasHan($0.name))
        }
        if let best = coarser.max(by: { $0.level.fineness < $1.level.fineness }) {
            return shortened(best.englishName.flatMap { $0.isEmpty ? nil : $0 } ?? best.name, country: best.country)
        }
        return place.name
    }

    /// Long facility words and their abbreviations (USPS and airport usage), longest first.
    static let abbreviations: [(String, String)] = [
        ("PROCESSING AND DISTRIBUTION CENTER", "P&DC"), ("PROCESSING & DISTRIBUTION CENTER", "P&DC"),
        ("NETWORK DISTRIBUTION CENTER", "NDC"), ("INTERNATIONAL SERVICE CENTER", "ISC"),
        ("REGIONAL DISTRIBUTION CENTER", "RDC"), ("DISTRIBUTION CENTER", "DC"),
        ("INTERNATIONAL AIRPORT", "AIRPORT"),
    ]

    /// A Latin name made fit for a label: facility words abbreviated, a US or Canadian state/province code after
    /// the city dropped, capitals title-cased ("LOS ANGELES CA NETWORK DISTRIBUTION CENTER" → "Los Angeles NDC").
    static func shortened(_ name: String, country: String) -> String {
        var upper = " " + name.uppercased() + " "
        let kept = Set(abbreviations.map(\.1).filter { $0 != "AIRPORT" })
        for (long, short) in abbreviations {
            upper = upper.replacingOccurrences(of: " \(long) ", with: " \(short) ")
        }
        var words = upper.split(separator: " ").map(String.init)
        let original = Set(name.split(separator: " ").map(String.init))
        if country == "US" || country == "CA" {
            // "CA" in "LOS ANGELES CA NDC": a two-letter code after the first word, written in capitals.
            words = words.enumerated().filter { i, w in
                !(i > 0 && w.count == 2 && original.contains(w) && w.allSatisfy(\.isLetter) && !kept.contains(w))
            }.map(\.element)
        }
        let allCaps = name == name.uppercased()
        let originalWords = name.split(separator: " ").map(String.init)
        return words.map { w in
            if kept.contains(w) { return w }
            if allCaps { return w.prefix(1) + w.dropFirst().lowercased() }
            // Keep the original spelling of mixed-case names ("Chek Lap Kok", "McAllen").
            return originalWords.first { $0.uppercased() == w } ?? (w.prefix(1) + w.dropFirst().lowercased())
        }.joined(separator: " ")
    }

    /// Whether `s` holds a CJK ideograph.
    static func hasHan(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
