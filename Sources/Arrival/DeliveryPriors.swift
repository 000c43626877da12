import Foundation

/// The built-in delivery priors: every assumption the estimator makes before it has seen a past shipment.
///
/// These are the team's documented assumptions, tuned only on the real-trace dev split
/// (`Tests/GeocodingTests/Fixtures/real/dev`) and measured on the test split by `tracemap bench eta`.
/// Every duration is a `LogNormal` (a median and a spread of `ln(hours)`), so an 80% interval is
/// `median × exp(±1.2816 × sigma)` before the daily rhythm moves it.
///
/// - **Carrier class.** SF, EMS and JD fly legs longer than `airFromKm` (about 800 km); every other carrier,
///   and every leg shorter than that, goes by road. (`carrierClass(_:)`, `canonicalCarrier(_:)`.)
/// - **Linehaul leg** (the last scan → arrival in the destination's prefecture), by great-circle distance band:
///   a piecewise-linear median through `roadBands` / `airBands` (never decreasing with distance, and air never
///   slower than road), spread `legSigma`. While the parcel is still at its first stop during the day, the
///   linehaul leaves at `linehaulDepartureHour` (about 18:00 local): linehaul runs overnight.
///   A cross-border parcel (destination abroad, or an event outside the destination's country) spreads each leg
///   by `crossBorderLegSigma` instead.
/// - **Arrived in the destination city → delivered**: `cityToDelivered` (`abroadCityToDelivered` outside
///   mainland China); out for delivery → delivered: `roundToDelivered`.
/// - **Daily rhythm of the last mile**: no delivery before `deliveryOpensHour` (08:00 local) or after
///   `deliveryClosesHour` (21:00); a delivery that would fall outside moves to the next morning's round,
///   `deliveryOpensHour` + `morningRound`.
/// - **Hold-ups**: a share `delayShare` of outcomes waits an extra `delay` (about a day) before delivery.
/// - **Overdue**: when the as-of time is past nearly every outcome the priors allow (under `overdueShare` of them
///   remain), the estimate restarts from the as-of time with `overdue` (`crossBorderOverdue` for a cross-border
///   parcel, whose last mile also uses `abroadCityToDelivered`).
public struct DeliveryPriors: Sendable {
    /// How a carrier moves long legs.
    public enum CarrierClass: String, Sendable, Hashable {
        /// Flies legs over `airFromKm` (SF, EMS, JD).
        case expressAir = "express-air"
        /// Trucks everything.
        case road
    }

    /// Legs at least this long (km) fly for `expressAir` carriers.
    public var airFromKm = 800.0
    /// (km, median hours) points of the road linehaul median, in increasing km; linear between, flat beyond.
    public var roadBands: [(km: Double, hours: Double)] = [
        (0, 2), (50, 4), (300, 14), (800, 24), (1500, 40), (2500, 54), (4000, 72), (10000, 240),
    ]
    /// The same for flown legs (used from `airFromKm` on); never above the road median at the same distance.
    public var airBands: [(km: Double, hours: Double)] = [
        (800, 24), (1500, 28), (2500, 32), (4000, 40), (10000, 200),
    ]
    /// The spread of a linehaul leg.
    public var legSigma = 0.6
    /// The spread of a leg of a cross-border parcel (customs, consolidation and airline waits vary by days).
    public var crossBorderLegSigma = 1.0
    /// Arrival in the destination city → delivered, for a destination outside mainland China.
    public var abroadCityToDelivered = LogNormal(median: 20, sigma: 0.9)
    /// The local hour the collection day's linehaul leaves the origin.
    public var linehaulDepartureHour = 18.0
    /// Arrival in the destination's prefecture → delivered.
    public var cityToDelivered = LogNormal(median: 12, sigma: 0.9)
    /// Out for delivery (派送中) → delivered.
    public var roundToDelivered = LogNormal(median: 2.5, sigma: 0.8)
    /// No delivery before this local hour …
    public var deliveryOpensHour = 8.0
    /// … nor after this one.
    public var deliveryClosesHour = 21.0
    /// Hours after `deliveryOpensHour` that a morning round delivers.
    public var morningRound = LogNormal(median: 3, sigma: 0.6)
    /// From the as-of time, for a parcel later than the priors expected.
    public var overdue = LogNormal(median: 8, sigma: 0.9)
    /// The same for a cross-border parcel, whose scans abroad are sparse and late.
    public var crossBorderOverdue = LogNormal(median: 24, sigma: 1.2)
    /// The share of parcels held up once on the way (a pickup station, a missed round, a backlog): the right tail
    /// a single log-normal lacks.
    public var delayShare = 0.08
    /// How long such a hold-up lasts.
    public var delay = LogNormal(median: 24, sigma: 0.8)
    /// Below this share of outcomes still ahead of the as-of time, the estimate is `overdue`.
    public var overdueShare = 0.05
    /// Within this distance (km) of the destination (or in its prefecture) the parcel has arrived in the city.
    public var cityRadiusKm = 40.0

    public init() {}

    /// The priors the estimator uses unless told otherwise.
    public static let standard = DeliveryPriors()

    /// The class of a carrier code (canonical or any alias `canonicalCarrier` knows).
    public func carrierClass(_ carrier: String?) -> CarrierClass {
        switch Self.canonicalCarrier(carrier) {
        case "SF", "EMS", "JD": return .expressAir
        default: return .road
        }
    }

    /// The linehaul leg's duration over `km` great-circle kilometres for a carrier class.
    public func leg(km: Double, carrierClass: CarrierClass) -> LogNormal {
        let road = Self.interpolate(roadBands, max(0, km))
        guard carrierClass == .expressAir, km >= airFromKm else { return LogNormal(median: road, sigma: legSigma) }
        return LogNormal(median: min(road, Self.interpolate(airBands, km)), sigma: legSigma)
    }

    static func interpolate(_ points: [(km: Double, hours: Double)], _ km: Double) -> Double {
        guard let first = points.first, let last = points.last else { return 1 }
        if km <= first.km { return first.hours }
        if km >= last.km { return last.hours }
        for (a, b) in zip(points, points.dropFirst()) where km <= b.km {
            return a.hours + (b.hours - a.hours) * (km - a.km) / (b.km - a.km)
        }
        return last.hours
    }

    /// One code per carrier for the many names traces use (`shunfeng`, `SFEXPRESS`, 顺丰速运 → `SF`); unknown names
    /// are upper-cased as they are, and nil becomes `UNKNOWN`.
    public static func canonicalCarrier(_ raw: String?) -> String {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return "UNKNOWN" }
        let s = raw.lowercased()
        let table: [(String, [String])] = [
            ("SF", ["shunfeng", "sfexpress", "顺丰", "sf"]),
            ("EMS", ["ems", "邮政ems"]),
            ("JD", ["jingdong", "京东", "jd"]),
            ("CHINAPOST", ["youzhengguonei", "chinapost", "china post", "中国邮政", "邮政"]),
            ("YTO", ["yuantong", "圆通", "yto"]),
            ("ZTO", ["zhongtong", "中通", "zto"]),
            ("STO", ["shentong", "申通", "sto"]),
            ("YD", ["yunda", "韵达", "yd"]),
            ("HTKY", ["huitongkuaidi", "百世", "htky", "best"]),
            ("DEPPON", ["debangwuliu", "deppon", "德邦", "dbkd", "dbl"]),
            ("JTSD", ["jtexpress", "极兔", "jtsd"]),
        ]
        for (code, names) in table where names.contains(where: { s == $0 || (!$0.allSatisfy(\.isASCII) && s.contains($0)) }) {
            return code
        }
        for (code, names) in table where names.contains(where: { $0.count > 3 && s.hasPrefix($0) }) { return code }
        return raw.uppercased()
    }
}
