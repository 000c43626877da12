import Foundation

/// One worker thread: takes items from the board, renders them with its own renderer, writes the temporaries.
final class Worker: @unchecked Sendable {
    // Safe: `thread` and `finished` are set before `start()` returns and only read afterwards; the renderer and
    // `folder` are used on the worker thread only (see `Transfer`).
    private let board: WorkBoard
    /// Dropped by the thread before it signals `finished`: the thread object outlives `join()` by a moment, and a
    /// folder it still held kept the folder's lock, so a resumed run started right after a stopped one found the
    /// folder "in use by another export".
    private var folder: OutputFolder?
    private let formats: [SnapshotFormat]
    private let renderer: Transfer<any SnapshotRenderer>
    private let index: Int
    private let finished = DispatchSemaphore(value: 0)

    init(board: WorkBoard, folder: OutputFolder, formats: [SnapshotFormat],
         renderer: Transfer<any SnapshotRenderer>, index: Int)
    {
        self.board = board
        self.folder = folder
        self.formats = formats
        self.renderer = renderer
        self.index = index
    }

    func start() {
        let thread = Thread { [self] in
            while let item = board.pop() {
                board.post(process(item), sequence: item.sequence)
            }
            folder = nil
            finished.signal()
        }
        thread.name = "export-worker-\(index)"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the thread to exit (after the board is closed).
    func join() {
        finished.wait()
    }

    private func process(_ item: ExportItem) -> ItemResult {
        ItemResult(position: item.position, inputHash: item.hash, outcome: outcome(of: item))
    }

    /// Renders the item and writes its images as temporaries: all formats, or none and an error.
    private func outcome(of item: ExportItem) -> ItemResult.Outcome {
        guard let folder else { preconditionFailure("a worker renders only while its thread runs") }
        let trace: Data
        switch item.content {
        case .failure(let error): return .failed(error)
        case .success(let data): trace = data
        }
        let snapshot: Snapshot
        do {
            snapshot = try renderer.value.snapshot(of: trace, formats: formats)
        } catch {
            return .failed(ItemError(error))
        }
        var written: [OutputFolder.PendingFile] = []
        for format in formats {
            guard let image = snapshot.images[format], !image.isEmpty else {
                written.forEach(folder.discard)
                return .failed(ItemError(code: "render.failed", message: "the renderer gave no \(format.rawValue) image"))
            }
            do {
                written.append(try folder.writeTemporary(folder.temporaryName(sequence: item.sequence, format: format),
                                                         image))
            } catch {
                written.forEach(folder.discard)
                return .failed(error)
            }
        }
        return .rendered(snapshot.info, temporaries: written)
    }
}
