import Foundation

/// One worker thread: takes items from the board, renders them with its own renderer, writes the temporaries.
final class Worker: @unchecked Sendable {
    // Safe: `thread` and `finished` are set before `start()` returns and only read afterwards; the renderer is
    // used on the worker thread only (see `Transfer`).
    private let board: WorkBoard
    private let folder: OutputFolder
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
        var result = ItemResult(position: item.position, inputHash: item.hash, outcome: .failed(
            ItemError(code: "render.failed", message: "no content")))
        guard case .success(let trace) = item.content else {
            if case .failure(let error) = item.content { result.outcome = .failed(error) }
            return result
        }
        let snapshot: Snapshot
        do {
            snapshot = try renderer.value.snapshot(of: trace, formats: formats)
        } catch {
            result.outcome = .failed(ItemError(error))
            return result
        }
        var written: [OutputFolder.PendingFile] = []
        for format in formats {
            guard let image = snapshot.images[format], !image.isEmpty else {
                written.forEach(folder.discard)
                result.outcome = .failed(ItemError(code: "render.failed",
                                                   message: "the renderer gave no \(format.rawValue) image"))
                return result
            }
            let name = folder.temporaryName(sequence: item.sequence, format: format)
            do {
                written.append(try folder.writeTemporary(name, image))
            } catch {
                written.forEach(folder.discard)
                result.outcome = .failed(error)
                return result
            }
        }
        result.outcome = .rendered(snapshot.info, temporaries: written)
        return result
    }
}
