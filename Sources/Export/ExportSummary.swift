import Foundation

/// The counts of a run so far or at its end, and the exit code they give.
///
/// Exit codes (documented in the README's Export section):
/// - 0: every item was rendered or skipped, or some failed without `--strict`;
/// - 1: every item failed, or any failed with `--strict`, or the input could not be read to its end;
/// - 2: usage errors (decided by the command line, before a run);
/// - 130: stopped by SIGINT or SIGTERM (the manifest is consistent; `--resume` carries on).
public struct ExportSummary: Sendable, Equatable {
    /// Items rendered and written in this run.
    public var done = 0
    /// Items recorded as errors (in this run, or kept from the manifest on `--resume`).
    public var failed = 0
    /// Items whose outputs an earlier run wrote, trusted on `--resume`.
    public var skipped = 0
    /// The number of items when known before the end (a lower bound: pushes may hold several).
    public var expectedTotal: Int?
    public var elapsedSeconds: Double = 0
    /// Set when a stop was requested (Ctrl-C, SIGTERM) before the input ended.
    public var interrupted = false
    /// Set when reading the input failed part way.
    public var inputError: String?

    public init() {}

    /// Items accounted for.
    public var processed: Int { done + failed + skipped }

    /// The process exit code for this outcome.
    public func exitCode(strict: Bool) -> Int32 {
        if interrupted { return 130 }
        if inputError != nil { return 1 }
        if failed > 0 && (strict || done + skipped == 0) { return 1 }
        return 0
    }

    /// `done 1998, failed 2, skipped 0, elapsed 41.2 s`.
    public var line: String {
        var text = "done \(done), failed \(failed), skipped \(skipped), elapsed "
            + String(format: "%.1f s", elapsedSeconds)
        if interrupted { text += " (interrupted)" }
        return text
    }
}

/// Follows a run from the coordinator thread: told of each committed entry and ticked a few times a second.
public protocol ExportObserver: AnyObject {
    /// Called after `entry` is in the manifest (also for items skipped on `--resume`).
    func committed(_ entry: ManifestEntry, summary: ExportSummary)
    /// Called about every `ExportPipeline.tickInterval` while the run waits, so a display can refresh.
    func tick(summary: ExportSummary)
}

/// A stop request that signal handlers and tests can raise from any thread.
public final class StopFlag: @unchecked Sendable {
    // Safe: the one Bool is only read and written under `lock`.
    private let lock = NSLock()
    private var raised = false

    public init() {}

    /// Asks the run to stop reading; items in flight finish and are committed.
    ///
    /// - Returns: whether it had been raised already (a second Ctrl-C, which the command treats as "now").
    @discardableResult
    public func raise() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let before = raised
        raised = true
        return before
    }

    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
