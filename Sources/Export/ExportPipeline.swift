import Foundation

/// Runs an export: reads items, renders them on a pool of worker threads, commits them in input order.
///
/// Design:
/// - **Bounded in flight.** At most `jobs × windowPerJob` items are between "read" and "committed", so memory
///   does not grow with the input (images go to disk as temporaries as soon as they are encoded).
/// - **Manifest in input order.** Results wait in a reorder buffer (bounded by the same window) and are
///   committed in input order: names are claimed in that order, so collisions resolve the same way on every
///   run, the manifest is the same whatever the thread timing, and a killed run's manifest is always a prefix
///   of the full one, which is what makes `--resume` simple: trust the prefix, redo the rest.
/// - **Commit = fsync and rename, then manifest.** Workers write `.export-…tmp-PID` files and keep them open; the
///   coordinator fsyncs each (disk waits stay off the rendering threads), renames it to its final name, fsyncs
///   the folder once per batch, then appends the batch's entries.
/// - **Stopping.** When the stop flag is raised, no more items are read; the ones in flight finish and are
///   committed, so the manifest stays consistent and `--resume` carries on from there.
public final class ExportPipeline {
    /// How often the observer is ticked (and the stop flag polled) while waiting.
    public static let tickInterval: TimeInterval = 0.25

    private let configuration: ExportConfiguration
    private let makeRenderer: (Int) throws -> any SnapshotRenderer
    private let sanitizer: FileNameSanitizer
    private weak var observer: (any ExportObserver)?
    private let stop: StopFlag

    /// - Parameters:
    ///   - makeRenderer: called once per worker, on the calling thread, before any item is read; each renderer
    ///     is then used by its worker thread only. An error here stops the export before it starts.
    public init(configuration: ExportConfiguration, observer: (any ExportObserver)? = nil,
                stop: StopFlag = StopFlag(), makeRenderer: @escaping (Int) throws -> any SnapshotRenderer)
    {
        self.configuration = configuration
        self.makeRenderer = makeRenderer
        self.sanitizer = FileNameSanitizer(maxBytes: configuration.limits.maxNameBytes)
        self.observer = observer
        self.stop = stop
    }

    /// Exports every item of `input` into the output folder.
    ///
    /// - Throws: `ExportError` when the run cannot start (folder, lock, input, renderer set-up) or the manifest
    ///   cannot be written. Bad items never throw: they are manifest entries.
    public func run(_ input: ExportInput) throws -> ExportSummary {
        let started = Date()
        let limits = configuration.limits
        // Everything that can fail before the first item does so before the output folder is touched.
        let renderers = try (0..<configuration.jobs).map { try Transfer(makeRenderer($0)) }
        var reader = try ItemReader(input, limits: limits)
        let folder = try OutputFolder(path: configuration.outputPath, durable: configuration.durable)
        folder.removeStaleTemporaries()
        let manifest = try ManifestFile(folder: folder.path, fresh: !configuration.resume,
                                        durable: configuration.durable)
        var resumeReader: ManifestFile.Reader? = configuration.resume
            ? manifest.reader(maxLineBytes: limits.maxLineBytes) : nil

        var summary = ExportSummary()
        summary.expectedTotal = reader.isSingleDocument ? nil : input.countRecords(limits: limits)
        let board = WorkBoard()
        let workers = renderers.enumerated().map { index, renderer in
            Worker(board: board, folder: folder, formats: configuration.formats, renderer: renderer, index: index)
        }
        workers.forEach { $0.start() }
        defer {
            board.close()
            workers.forEach { $0.join() }
        }

        var registry = FileNameRegistry()
        let window = configuration.jobs * limits.windowPerJob
        var nextSequence = 1  // the next item to read
        var nextCommit = 1  // the oldest item not committed
        var inputDone = false
        var lastTick = Date.distantPast

        func elapsed() -> Double { Date().timeIntervalSince(started) }

        while true {
            if stop.isRaised && !inputDone {
                summary.interrupted = true
                inputDone = true
            }
            // Read while the window has room.
            while !inputDone && nextSequence - nextCommit < window {
                let item: ExportItem?
                do {
                    item = try reader.next()
                } catch {
                    summary.inputError = String(describing: error)
                    item = nil
                }
                guard let item else {
                    inputDone = true
                    break
                }
                nextSequence = item.sequence + 1
                let hash = item.hash
                if var cursor = resumeReader {
                    let candidate = cursor.next()
                    if let trusted = candidate?.entry,
                       isTrusted(trusted, item: item, hash: hash, folder: folder)
                    {
                        resumeReader = cursor
                        if let stem = trusted.outputStem { registry.register(stem) }
                        if trusted.status == .ok { summary.skipped += 1 } else { summary.failed += 1 }
                        nextCommit = item.sequence + 1
                        summary.elapsedSeconds = elapsed()
                        observer?.committed(trusted, summary: summary)
                        continue
                    }
                    // The trusted prefix ends here: redo this item and everything after it.
                    try manifest.truncate(at: candidate?.start ?? cursor.validEnd)
                    cursor.close()
                    resumeReader = nil
                }
                switch item.content {
                case .success:
                    board.push(item)
                case .failure(let error):
                    board.post(ItemResult(position: item.position, inputHash: hash, outcome: .failed(error)),
                               sequence: item.sequence)
                }
            }
            if let cursor = resumeReader, inputDone {
                // The input ended inside the old manifest (or it was stopped): keep only what was matched.
                try manifest.truncate(at: cursor.validEnd)
                cursor.close()
                resumeReader = nil
            }
            if nextCommit == nextSequence && inputDone { break }

            // Commit every result that is ready, in order, as one batch.
            var batch: [ManifestEntry] = []
            var renamed = false
            let deadline = Date().addingTimeInterval(Self.tickInterval)
            while nextCommit < nextSequence,
                  let result = board.take(nextCommit, before: batch.isEmpty ? deadline : Date())
            {
                let entry = commit(result, sequence: nextCommit, folder: folder, registry: &registry)
                renamed = renamed || !entry.outputs.isEmpty
                if entry.status == .ok { summary.done += 1 } else { summary.failed += 1 }
                batch.append(entry)
                nextCommit += 1
            }
            if !batch.isEmpty {
                if renamed { folder.sync() }
                try manifest.append(batch)
                summary.elapsedSeconds = elapsed()
                for entry in batch { observer?.committed(entry, summary: summary) }
            }
            if Date().timeIntervalSince(lastTick) >= Self.tickInterval {
                lastTick = Date()
                summary.elapsedSeconds = elapsed()
                observer?.tick(summary: summary)
            }
        }
        manifest.sync()
        if configuration.writeIndex {
            do {
                try ContactSheet.write(into: folder, manifest: manifest, english: configuration.english,
                                       limits: limits)
            } catch {
                throw ExportError.outputFolder(path: folder.path, reason: error.message)
            }
        }
        summary.elapsedSeconds = elapsed()
        return summary
    }

    /// Whether a manifest entry of an earlier run stands for `item` and can be kept as it is.
    ///
    /// It must be the same item (number, position and input bytes); an `ok` entry needs every requested format
    /// on disk; an error entry is kept unless its error may pass on a retry (I/O).
    private func isTrusted(_ entry: ManifestEntry, item: ExportItem, hash: String?, folder: OutputFolder) -> Bool {
        guard entry.item == item.sequence, entry.position == item.position, entry.inputHash == hash else {
            return false
        }
        switch entry.status {
        case .error:
            return !(ItemError(code: entry.errorCode ?? "", message: "").isTransient)
        case .ok:
            guard let stem = entry.outputStem else { return false }
            let expected = configuration.formats.map { "\(stem).\($0.fileExtension)" }
            return entry.outputs == expected && expected.allSatisfy(folder.hasFile)
        }
    }

    /// Names and renames one result's images and builds its manifest entry.
    private func commit(_ result: ItemResult, sequence: Int, folder: OutputFolder,
                        registry: inout FileNameRegistry) -> ManifestEntry
    {
        var entry = ManifestEntry(item: sequence, position: result.position, status: .error,
                                  inputHash: result.inputHash)
        switch result.outcome {
        case .failed(let error):
            entry.errorCode = error.code
            entry.errorMessage = error.message
        case .rendered(let info, let temporaries):
            entry.carrier = info.carrier
            entry.number = info.number
            entry.state = info.state
            entry.progress = info.progress
            entry.currentPlace = info.currentPlace
            let stem = registry.claim(sanitizer.stem(carrier: info.carrier, number: info.number,
                                                     fallback: result.position.fallbackName))
            let names = configuration.formats.map { "\(stem).\($0.fileExtension)" }
            var published = 0
            do {
                for (temporary, name) in zip(temporaries, names) {
                    try folder.publish(temporary, as: name)
                    published += 1
                }
                entry.outputs = names
                entry.status = .ok
            } catch {
                // All formats or none: drop the ones already renamed and the ones still pending.
                temporaries.dropFirst(published + 1).forEach(folder.discard)
                names.prefix(published).forEach(folder.remove)
                entry.errorCode = error.code
                entry.errorMessage = error.message
            }
        }
        return entry
    }
}

extension ExportItem {
    /// `fnv1a64:…` of the item's bytes; nil for an unreadable record.
    var hash: String? {
        guard case .success(let data) = content else { return nil }
        return "fnv1a64:" + FNV1a64.hex(data)
    }
}

/// Moves a value to the thread that will own it.
struct Transfer<Value>: @unchecked Sendable {
    // Safe: the pipeline creates each renderer, hands it to exactly one worker thread and never touches it again.
    let value: Value
    init(_ value: Value) { self.value = value }
}
