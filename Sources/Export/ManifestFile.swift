import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The manifest, `manifest.jsonl` in the output folder: appended in input order, one `write(2)` per batch.
///
/// Crash safety: an entry is appended only after its images are renamed into place (and, when `durable`, after
/// the images and the folder are fsynced), so an entry never promises a file that is not there. A `kill -9`
/// can at worst leave a torn last line; `openForResume` reads the longest valid prefix and truncates the rest.
final class ManifestFile {
    static let fileName = "manifest.jsonl"

    private let fd: Int32
    private let durable: Bool
    /// Where the next entry goes (the file is truncated to this before the first append of a resumed run).
    private(set) var length: Int

    /// Opens the manifest in `folder`: empty for a fresh run, kept for `--resume`.
    init(folder: String, fresh: Bool, durable: Bool) throws {
        let path = folder + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (fresh ? O_TRUNC : 0), 0o644)
        guard fd >= 0 else { throw ExportError.manifestFailed("\(path): \(String(cString: strerror(errno)))") }
        self.durable = durable
        length = Int(lseek(fd, 0, SEEK_END))
    }

    deinit { close(fd) }

    /// Reads the entries from the start, one at a time, with the byte offset where each ends.
    func reader(maxLineBytes: Int) -> Reader {
        Reader(fd: dup(fd), maxLineBytes: maxLineBytes)
    }

    /// Drops everything from `offset` on (a torn line, or entries the resumed run will redo).
    func truncate(at offset: Int) throws {
        guard ftruncate(fd, off_t(offset)) == 0 else {
            throw ExportError.manifestFailed("truncate: \(String(cString: strerror(errno)))")
        }
        length = offset
    }

    /// Appends entries with one write (looping only on short writes) at the current end.
    func append(_ entries: [ManifestEntry]) throws {
        guard !entries.isEmpty else { return }
        var data = Data()
        for entry in entries { data.append(entry.jsonLine()) }
        try data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = pwrite(fd, raw.baseAddress! + written, raw.count - written, off_t(length + written))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ExportError.manifestFailed(String(cString: strerror(errno))) }
                written += n
            }
        }
        length += data.count
    }

    /// Makes the appended entries durable (at the end of a run, and now and then during it).
    func sync() {
        if durable { fsync(fd) }
    }

    /// A forward-only reader of complete, valid entries.
    struct Reader {
        private var lines: LineReader
        private let fd: Int32
        /// The byte offset just past the last entry returned (where a truncation keeps everything read so far).
        private(set) var validEnd = 0
        private var offset = 0

        init(fd: Int32, maxLineBytes: Int) {
            lseek(fd, 0, SEEK_SET)
            self.fd = fd
            lines = LineReader(fd: fd, maxLineBytes: maxLineBytes)
        }

        /// The next entry with its start offset, or nil at the end or at the first line that is torn or invalid.
        mutating func next() -> (entry: ManifestEntry, start: Int)? {
            guard let line = try? lines.next(), case .text(let data, _) = line else { return nil }
            let start = offset
            let end = offset + data.count + 1
            // A torn last line has no newline: the line reader gives it, but it may be cut inside a value that
            // still parses ("progress":0.8 cut to 0.), so a line counts only when its terminator is on disk.
            var terminator: UInt8 = 0
            guard pread(fd, &terminator, 1, off_t(end - 1)) == 1, terminator == 0x0A,
                  let entry = try? JSONDecoder().decode(ManifestEntry.self, from: data)
            else { return nil }
            offset = end
            validEnd = end
            return (entry, start)
        }

        func close() { Glibc.close(fd) }
    }
}
