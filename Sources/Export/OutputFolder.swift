import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder: locked for one export at a time, written only through temporary files and renames.
///
/// Workers write each image to `.export-SEQ.EXT.tmp-PID` (hidden, in the same folder so `rename(2)` is atomic);
/// the coordinator fsyncs it and renames it to its final name. A killed run therefore leaves at most hidden
/// temporaries, never a partial image under a final name; the next run removes them (`removeStaleTemporaries`).
/// The lock (`flock` on `.export.lock`) dies with its process, so a `kill -9` never leaves the folder locked.
final class OutputFolder: Sendable {
    let path: String
    private let directoryFD: Int32
    private let lockFD: Int32
    private let durable: Bool
    private let pid = getpid()

    static let temporaryPrefix = ".export-"
    static let lockName = ".export.lock"

    /// Creates the folder (and its parents) when missing, and takes its lock.
    ///
    /// - Throws: `ExportError.outputFolder` when it cannot be created or opened, `.outputFolderBusy` when
    ///   another export holds the lock.
    init(path: String, durable: Bool) throws {
        self.path = path
        self.durable = durable
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ExportError.outputFolder(path: path, reason: "cannot create it")
        }
        directoryFD = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else {
            throw ExportError.outputFolder(path: path, reason: String(cString: strerror(errno)))
        }
        lockFD = openat(directoryFD, Self.lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else {
            let reason = String(cString: strerror(errno))
            close(directoryFD)
            throw ExportError.outputFolder(path: path, reason: "cannot create its lock file: \(reason)")
        }
        guard flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            close(lockFD)
            close(directoryFD)
            throw ExportError.outputFolderBusy(path: path)
        }
    }

    deinit {
        close(lockFD)  // releases the flock
        close(directoryFD)
    }

    /// Deletes the temporaries a killed run left behind; returns how many.
    @discardableResult
    func removeStaleTemporaries() -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(Self.temporaryPrefix) && name.contains(".tmp-") {
            if unlinkat(directoryFD, name, 0) == 0 { removed += 1 }
        }
        return removed
    }

    /// The temporary name for item `sequence`'s image in `format`, unique to this process.
    func temporaryName(sequence: Int, format: SnapshotFormat) -> String {
        "\(Self.temporaryPrefix)\(sequence).\(format.fileExtension).tmp-\(pid)"
    }

    /// A written temporary file, still open so the coordinator can fsync it just before renaming it.
    ///
    /// Workers only write; the fsync (which blocks on the disk but uses no CPU) happens on the coordinator thread,
    /// so worker threads spend their time rendering.
    struct PendingFile: Sendable {
        let name: String
        fileprivate let fd: Int32
    }

    /// Writes `data` to a new temporary file `name` in the folder and keeps it open.
    func writeTemporary(_ name: String, _ data: Data) throws(ItemError) -> PendingFile {
        // O_EXCL | O_NOFOLLOW: never write through a file or symlink someone else put under our name.
        let fd = openat(directoryFD, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed("\(name): \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { failure = String(cString: strerror(errno)); return }
                written += n
            }
        }
        if let failure {
            close(fd)
            unlinkat(directoryFD, name, 0)
            throw .writeFailed("\(name): \(failure)")
        }
        return PendingFile(name: name, fd: fd)
    }

    /// Makes a temporary file durable (fsync, when durable) and renames it to `finalName`, replacing atomically.
    func publish(_ file: PendingFile, as finalName: String) throws(ItemError) {
        if durable, fsync(file.fd) != 0 {
            let reason = String(cString: strerror(errno))
            discard(file)
            throw .writeFailed("\(file.name): fsync: \(reason)")
        }
        close(file.fd)
        guard renameat(directoryFD, file.name, directoryFD, finalName) == 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(directoryFD, file.name, 0)
            throw .writeFailed("rename to \(finalName): \(reason)")
        }
    }

    /// Closes and deletes a temporary file that will not be published.
    func discard(_ file: PendingFile) {
        close(file.fd)
        unlinkat(directoryFD, file.name, 0)
    }

    /// Removes a file of the folder, ignoring a missing one.
    func remove(_ name: String) {
        unlinkat(directoryFD, name, 0)
    }

    /// Whether `name` is a non-empty regular file in the folder.
    func hasFile(_ name: String) -> Bool {
        var info = stat()
        return fstatat(directoryFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0
            && info.st_mode & S_IFMT == S_IFREG && info.st_size > 0
    }

    /// Makes renames in the folder durable (before the manifest vouches for them).
    func sync() {
        if durable { fsync(directoryFD) }
    }

    /// Writes a whole file atomically: temporary, fsync, rename (for `index.html`).
    func writeAtomically(_ name: String, _ data: Data) throws(ItemError) {
        let temporary = try writeTemporary("\(Self.temporaryPrefix)\(name).tmp-\(pid)", data)
        try publish(temporary, as: name)
        sync()
    }
}
