import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `--input` names: a JSON Lines file (or a single JSON document), a folder of trace files, or stdin.
public enum ExportInput: Sendable, Equatable {
    /// A file: JSON Lines, or one JSON document when the whole file parses as one (a pretty-printed push).
    case file(String)
    /// A folder: each regular, non-hidden file is one trace (or one push), taken in byte order of their names.
    case directory(String)
    /// `-`: JSON Lines (or one JSON document) on stdin.
    case standardInput

    /// Classifies `path` by what is on disk.
    ///
    /// - Throws: `ExportError.badInput` when it does not exist or is something else (a socket, a device).
    public static func resolve(_ path: String) throws -> ExportInput {
        if path == "-" { return .standardInput }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ExportError.badInput(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory(path)
        case S_IFREG, S_IFIFO: return .file(path)
        default: throw ExportError.badInput(path: path, reason: "not a file, a folder or '-'")
        }
    }

    /// How many records the input holds, when that is cheap to know: the non-blank lines of a file (one pass of
    /// counting bytes, no parsing), the trace files of a folder; nil for stdin and pipes.
    ///
    /// A multi-shipment push counts once here, so the pipeline treats this as a lower bound.
    public func countRecords(limits: ExportLimits) -> Int? {
        switch self {
        case .standardInput: return nil
        case .directory(let path): return (try? DirectoryRecords.listNames(path))?.count
        case .file(let path):
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var count = 0
            var lineHasContent = false
            var chunk = [UInt8](repeating: 0, count: 256 << 10)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                for byte in chunk[0..<n] {
                    if byte == 0x0A {
                        if lineHasContent { count += 1 }
                        lineHasContent = false
                    } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                        lineHasContent = true
                    }
                }
            }
            return count + (lineHasContent ? 1 : 0)
        }
    }
}

/// One record of the input before push splitting: its position and its bytes, or why it could not be read.
struct InputRecord {
    var position: ItemPosition
    var content: Result<Data, ItemError>
}

/// A source of records, read one at a time.
protocol RecordSource {
    /// The next record, or nil at the end.
    mutating func next() throws -> InputRecord?
}

/// A file or stdin: JSON Lines, unless the whole stream is a single JSON document that fits `maxItemBytes`.
///
/// The first `maxItemBytes` are read to decide; a longer stream is JSON Lines by necessity. A one-line JSON Lines
/// file parses as one document too, which gives the same single item.
struct StreamRecords: RecordSource {
    private var lines: LineReader?
    private var document: Data?
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let maxLineBytes: Int
    /// Set when the whole stream is one JSON document rather than JSON Lines.
    private(set) var isSingleDocument = false

    init(path: String?, limits: ExportLimits) throws {
        maxLineBytes = limits.maxLineBytes
        if let path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ExportError.badInput(path: path, reason: String(cString: strerror(errno))) }
            ownsDescriptor = true
        } else {
            fd = STDIN_FILENO
            ownsDescriptor = false
        }
        let lowered = path?.lowercased() ?? ""
        let namedLines = lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson")
        var prefix: [UInt8] = []
        if !namedLines {
            // Peek: up to maxItemBytes + 1 bytes.
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while prefix.count <= limits.maxItemBytes {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw ExportError.inputFailed(String(cString: strerror(errno))) }
                if n == 0 {
                    let data = Data(prefix)
                    if Self.holdsOneDocument(data) {
                        document = data
                        isSingleDocument = true
                    }
                    break
                }
                prefix.append(contentsOf: chunk[0..<n])
            }
        }
        if document == nil {
            lines = LineReader(fd: fd, maxLineBytes: limits.maxLineBytes, prefix: prefix)
        }
    }

    /// A whole JSON value that spans more than one line (so it cannot be JSON Lines read line by line).
    static func holdsOneDocument(_ data: Data) -> Bool {
        guard data.contains(0x0A) else { return false }
        return (try? JSONSerialization.jsonObject(with: data)) != nil
    }

    mutating func next() throws -> InputRecord? {
        if let document {
            self.document = nil
            lines = nil
            return InputRecord(position: ItemPosition(document: true), content: .success(document))
        }
        guard lines != nil else { return nil }
        while let line = try lines!.next() {
            switch line {
            case .tooLong(let number, let bytes):
                return InputRecord(position: ItemPosition(line: number),
                                   content: .failure(.lineTooLong(bytes: bytes, limit: maxLineBytes)))
            case .text(let data, let number):
                if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return InputRecord(position: ItemPosition(line: number), content: .success(data))
            }
        }
        lines = nil
        if ownsDescriptor { close(fd) }
        return nil
    }
}

/// A folder: one record per regular, non-hidden file, in byte order of the names (deterministic on every file
/// system); subfolders are not entered. Only the names are listed up front (a few bytes an item).
struct DirectoryRecords: RecordSource {
    private let path: String
    private let names: [String]
    private var index = 0
    private let limits: ExportLimits

    init(path: String, limits: ExportLimits) throws {
        self.path = path
        self.limits = limits
        names = try Self.listNames(path)
    }

    static func listNames(_ path: String) throws -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ExportError.badInput(path: path, reason: "cannot list the folder")
        }
        return entries.filter { name in
            guard !name.hasPrefix(".") else { return false }
            var info = stat()
            return stat(path + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    mutating func next() throws -> InputRecord? {
        guard index < names.count else { return nil }
        let name = names[index]
        index += 1
        return InputRecord(position: ItemPosition(file: name), content: Self.readFile(path + "/" + name, limits: limits))
    }

    /// The whole file, or why not (too large, unreadable), never more than `maxItemBytes` in memory.
    static func readFile(_ path: String, limits: ExportLimits) -> Result<Data, ItemError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if Int(info.st_size) > limits.maxItemBytes {
            return .failure(.fileTooLarge(bytes: Int(info.st_size), limit: limits.maxItemBytes))
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var used = 0
        while true {
            if used == bytes.count {
                guard used <= limits.maxItemBytes else {
                    return .failure(.fileTooLarge(bytes: used, limit: limits.maxItemBytes))
                }
                bytes.append(contentsOf: repeatElement(0, count: 64 << 10))
            }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(.unreadable(String(cString: strerror(errno)))) }
            if n == 0 { break }
            used += n
        }
        return .success(Data(bytes[0..<used]))
    }
}
