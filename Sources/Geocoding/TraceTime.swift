import Foundation

/// Parses and formats event times: ISO 8601 (with `T` or a space, optional fraction, `Z` or `±HH:MM`) and
/// `YYYY-MM-DD HH:MM[:SS]` / `YYYY/MM/DD …`. Times without an offset are China time (+08:00).
public enum TraceTime {
    /// China Standard Time, the default offset.
    public static let chinaOffset = 8 * 3600

    /// The instant and the offset it was written in, or nil when `text` is not a time.
    public static func parse(_ text: String) -> (date: Date, offset: Int)? {
        let u = Array(text.utf8)
        var i = 0
        func skipSpaces() { while i < u.count && u[i] == 0x20 { i += 1 } }
        func number(_ digits: ClosedRange<Int>) -> Int? {
            var value = 0, n = 0
            while i < u.count, n < digits.upperBound, u[i] >= 0x30, u[i] <= 0x39 {
                value = value * 10 + Int(u[i] - 0x30); i += 1; n += 1
            }
            return digits.contains(n) ? value : nil
        }
        skipSpaces()
        guard let year = number(4...4), i < u.count, u[i] == 0x2D || u[i] == 0x2F else { return nil }
        let separator = u[i]; i += 1
        guard let month = number(1...2), i < u.count, u[i] == separator else { return nil }
        i += 1
        guard let day = number(1...2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = chinaOffset
        if i < u.count && (u[i] == 0x54 || u[i] == 0x20) {
            i += 1
            skipSpaces()
            guard let h = number(1...2), i < u.count, u[i] == 0x3A else { return nil }
            i += 1
            guard let m = number(2...2) else { return nil }
            hour = h; minute = m
            if i < u.count && u[i] == 0x3A {
                i += 1
                guard let s = number(2...2) else { return nil }
                second = s
                if i < u.count && (u[i] == 0x2E || u[i] == 0x2C) {
                    i += 1
                    var scale = 0.1, n = 0
                    while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                        fraction += Double(u[i] - 0x30) * scale; scale /= 10; i += 1; n += 1
                    }
                    if n == 0 { return nil }
                }
            }
            skipSpaces()
            if i < u.count {
                if u[i] == 0x5A || u[i] == 0x7A { offset = 0; i += 1 }
                else if u[i] == 0x2B || u[i] == 0x2D {
                    let sign = u[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = number(2...2) else { return nil }
                    var om = 0
                    if i < u.count && u[i] == 0x3A { i += 1 }
                    if i < u.count { guard let m = number(2...2) else { return nil }; om = m }
                    guard oh <= 18, om < 60 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
        }
        skipSpaces()
        guard i == u.count else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60, (1900...2200).contains(year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return (Date(timeIntervalSince1970: seconds), offset)
    }

    /// ISO 8601 with the offset: `2026-11-20T18:02:11+08:00` (fractions are dropped).
    public static func format(_ date: Date, offset: Int) -> String {
        let total = Int(floor(date.timeIntervalSince1970)) + offset
        let days = Int(floor(Double(total) / 86_400))
        let secs = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y < 1000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))"
            + "\(sign)\(two(o / 3600)):\(two(o / 60 % 60))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
