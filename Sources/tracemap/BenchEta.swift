import Arrival
import Foundation
import Geocoding

/// `tracemap bench eta`: delivery-estimate quality on the real delivered traces, beside a baseline, without and
/// with the history learned from the dev split (see `ArrivalEvaluation`).
///
/// Figures on the test split (`Tests/GeocodingTests/Fixtures/real/test`): `parcels`, `estimates`,
/// `mae_hours`, `p90_error_hours`, `interval_coverage`, `day_hit_rate`, `estimates_before_last_event`, each
/// with `baseline_…` beside it, `mae_vs_baseline` (the ratio), and `history_…` after replaying the dev traces
/// into a fresh history. `baseline_floored_…` hold the baseline at or after the as-of time (fairer than the
/// issue's baseline, which may name a time already past). `dev_…` are the same on the dev split, the only figures priors may be tuned on.
enum BenchEta {
    static func run(json: Bool, words: [String] = []) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: [GeodataOption.name, "--real"], flags: ["--dev-cases"])
        let gazetteer = try GeodataOption.loadGazetteer(args)
        let geocoder = Geocoder(gazetteer: gazetteer)
        let real = args.value("--real")
            ?? (GeocodeEvaluation.locate(from: Bundle.main.executablePath ?? CommandLine.arguments[0])
                ?? GeocodeEvaluation.locate(from: FileManager.default.currentDirectoryPath))
                .map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("real").path }
        guard let real else {
            throw CommandLineError.failure("real traces not found (Tests/GeocodingTests/Fixtures/real); pass --real DIR")
        }
        func load(_ split: String) throws -> [GeocodedTrace] {
            do {
                return try GeocodeEvaluation(directory: real + "/" + split).cases.compactMap {
                    try geocoder.geocode(data: $0.input).first
                }
            } catch let error as TraceError {
                throw CommandLineError.failure("\(real)/\(split): \(error)")
            }
        }
        let dev = try load("dev"), test = try load("test")
        let evaluation = ArrivalEvaluation(estimator: DeliveryEstimator(prefectures: Prefectures(gazetteer: gazetteer)),
                                           reference: dev)
        let (model, baseline, floored) = evaluation.evaluateAll(test)
        let (history, replayed) = evaluation.replay(dev)
        let (learned, _) = evaluation.evaluate(test, history: history)
        let (devModel, devBaseline) = evaluation.evaluate(dev)
        if args.has("--dev-cases") {
            // Per-trace figures of the dev split only (the split priors are tuned on); the test split's stay unread.
            for trace in dev {
                guard let c = ArrivalEvaluation.deliveredCase(trace) else { continue }
                let (m, b) = evaluation.evaluate([trace])
                let dtd = c.delivered.timeIntervalSince(c.firstScan) / 3600
                Standard.error(String(format: "dev %@ %@ km=%.0f door=%.1fh n=%d mae=%.1f base=%.1f cov=%.2f day=%.2f",
                                      trace.number ?? "?", trace.carrier ?? "?", c.bandKm, dtd, m.estimates,
                                      m.maeHours, b.maeHours, m.intervalCoverage, m.dayHitRate))
            }
        }
        return figures("", model, baseline) + [("mae_vs_baseline", model.maeHours / baseline.maeHours, "ratio"),
               ("baseline_floored_mae_hours", floored.maeHours, "h"),
               ("baseline_floored_interval_coverage", floored.intervalCoverage, "share"),
               ("baseline_floored_day_hit_rate", floored.dayHitRate, "share")]
            + [("history_shipments", Double(replayed), "parcels"), ("history_steps", Double(history.count), "keys")]
            + figures("history_", learned, nil)
            + [("history_basis_share", learned.historyShare, "share"),
               ("history_mae_vs_baseline", learned.maeHours / baseline.maeHours, "ratio")]
            + figures("dev_", devModel, devBaseline)
    }

    static func figures(_ prefix: String, _ m: ArrivalEvaluation.Report,
                        _ b: ArrivalEvaluation.Report?) -> [(String, Double, String)]
    {
        var out: [(String, Double, String)] = [
            ("\(prefix)parcels", Double(m.parcels), "parcels"),
            ("\(prefix)estimates", Double(m.estimates), "estimates"),
            ("\(prefix)estimates_missing", Double(m.missing), "estimates"),
        ]
        let pairs: [(String, Double, Double?, String)] = [
            ("mae_hours", m.maeHours, b?.maeHours, "h"),
            ("p90_error_hours", m.p90ErrorHours, b?.p90ErrorHours, "h"),
            ("interval_coverage", m.intervalCoverage, b?.intervalCoverage, "share"),
            ("day_hit_rate", m.dayHitRate, b?.dayHitRate, "share"),
        ]
        for (name, value, base, unit) in pairs {
            out.append(("\(prefix)\(name)", value, unit))
            if let base { out.append(("\(prefix)baseline_\(name)", base, unit)) }
        }
        out.append(("\(prefix)median_signed_error_hours", m.medianSignedErrorHours, "h"))
        out.append(("\(prefix)delivered_after_latest", m.lateShare, "share"))
        out.append(("\(prefix)estimates_before_last_event", Double(m.beforeLastEvent), "estimates"))
        return out
    }
}
