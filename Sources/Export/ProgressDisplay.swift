import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows an export's progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.
///
/// Terminal: `[██████░░░░]  1234/2000  61.7%  48.2 items/s  ETA 0:16  (3 failed)`; with an unknown total (stdin)
/// the bar and ETA are left out. Plain: `export: 1234 of 2000 done, 3 failed, 0 skipped, 48.2 items/s` every
/// `plainInterval` seconds, for logs and CI.
public final class ProgressDisplay: ExportObserver {
    public static let plainInterval: TimeInterval = 5
    private let isTerminal: Bool
    private let write: (String) -> Void
    private var lastDraw = Date.distantPast
    private var lastPlain = Date()
    private var drewBar = false

    /// - Parameters:
    ///   - isTerminal: whether stderr is a terminal (`isatty(2)`), decided by the caller so tests can choose.
    ///   - write: where text goes (stderr by default).
    public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) })
    {
        self.isTerminal = isTerminal
        self.write = write
    }

    public func committed(_ entry: ManifestEntry, summary: ExportSummary) {
        refresh(summary, force: false)
    }

    public func tick(summary: ExportSummary) {
        refresh(summary, force: false)
    }

    /// Clears the bar and prints the summary line.
    public func finish(_ summary: ExportSummary) {
        if isTerminal && drewBar { write("\r\u{1B}[2K") }
        write("export: \(summary.line)\n")
    }

    private func refresh(_ summary: ExportSummary, force: Bool) {
        let now = Date()
        if isTerminal {
            guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            drewBar = true
            write("\r\u{1B}[2K" + Self.bar(summary))
        } else if force || now.timeIntervalSince(lastPlain) >= Self.plainInterval {
            lastPlain = now
            write(Self.plainLine(summary) + "\n")
        }
    }

    /// Items per second over the run so far (skipped items excluded: they cost nothing).
    static func rate(_ summary: ExportSummary) -> Double {
        summary.elapsedSeconds > 0 ? Double(summary.done + summary.failed) / summary.elapsedSeconds : 0
    }

    /// The terminal line, without the carriage return.
    static func bar(_ summary: ExportSummary, width: Int = 24) -> String {
        let rate = Self.rate(summary)
        let done = summary.processed
        var text: String
        if let expected = summary.expectedTotal, expected > 0 {
            let total = max(expected, done)
            let fraction = Double(done) / Double(total)
            let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
            text = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            text += "\(done)/\(total)  " + String(format: "%.1f%%", fraction * 100)
            text += "  " + String(format: "%.1f items/s", rate)
            if rate > 0 { text += "  ETA " + duration(Double(total - done) / rate) }
        } else {
            text = "\(done) items  " + String(format: "%.1f items/s", rate)
        }
        if summary.failed > 0 { text += "  (\(summary.failed) failed)" }
        return text
    }

    static func plainLine(_ summary: ExportSummary) -> String {
        var text = "export: \(summary.processed)"
        if let expected = summary.expectedTotal { text += " of \(max(expected, summary.processed))" }
        text += " done, \(summary.failed) failed, \(summary.skipped) skipped, "
            + String(format: "%.1f items/s", rate(summary))
        return text
    }

    /// `1:02:03`, `4:05`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%d:%02d", s / 60, s % 60)
    }
}
