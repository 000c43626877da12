import Foundation
import Glibc

extension Connection {
    /// Whether a write would succeed now: the file, its WAL and shared-memory files and its directory are writable
    /// (`access(W_OK)`), and a write transaction can begin (`BEGIN IMMEDIATE`, rolled back at once).
    ///
    /// For readiness checks: cheap, and it writes nothing. A database whose directory was removed or made read-only
    /// fails here even though its open file descriptor could still be written.
    public func isWritable() -> Bool {
        guard path != ":memory:" else { return true }
        let directory = (path as NSString).deletingLastPathComponent
        guard access(path, W_OK) == 0, access(directory.isEmpty ? "." : directory, W_OK) == 0 else { return false }
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard access(path + suffix, W_OK) == 0 else { return false }
        }
        do {
            try execute("BEGIN IMMEDIATE")
            try execute("ROLLBACK")
            return true
        } catch {
            return false
        }
    }
}
