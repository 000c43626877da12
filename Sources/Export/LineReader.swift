import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads `\n`-terminated lines from a file descriptor in fixed chunks, holding at most one line and one chunk.
///
/// A line longer than `maxLineBytes` is not kept: the reader skips to its end and reports its number and length,
/// so one giant line costs no memory and does not stop the run. A trailing `\r` (CRLF files) is dropped; the last
/// line needs no terminator.
struct LineReader {
    /// One line read.
    enum Line: Equatable {
        case text(Data, number: Int)
        /// The line's number and how many bytes were seen before it was given up (at least the limit).
        case tooLong(number: Int, bytes: Int)
    }

    private let fd: Int32
    private let maxLineBytes: Int
    private let chunkSize: Int
    private var buffer: [UInt8]
    private var start = 0
    private var eof = false
    private var lineNumber = 0

    /// Reads from `fd` (not closed here), beginning with bytes already taken from it (`prefix`).
    init(fd: Int32, maxLineBytes: Int, chunkSize: Int = 64 << 10, prefix: [UInt8] = []) {
        precondition(maxLineBytes > 0 && chunkSize > 0, "sizes must be positive")
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.chunkSize = chunkSize
        self.buffer = prefix
    }

    /// The next line, or nil at the end of the input.
    ///
    /// - Throws: `ExportError.inputFailed` when read(2) fails.
    mutating func next() throws -> Line? {
        var scanFrom = start
        var discarded = 0
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                lineNumber += 1
                defer { start = newline + 1 }
                if discarded > 0 { return .tooLong(number: lineNumber, bytes: discarded + newline - start) }
                return line(from: start, to: newline)
            }
            if buffer.count - start > maxLineBytes {
                // Too long: drop what we have and keep skipping until the line ends.
                discarded += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            scanFrom = buffer.count
            if try eof || !fill() {
                eof = true
                guard buffer.count > start || discarded > 0 else { return nil }
                lineNumber += 1
                defer { start = buffer.count }
                if discarded > 0 || buffer.count - start > maxLineBytes {
                    return .tooLong(number: lineNumber, bytes: discarded + buffer.count - start)
                }
                return line(from: start, to: buffer.count)
            }
        }
    }

    private func line(from: Int, to end: Int) -> Line {
        var end = end
        if end > from, buffer[end - 1] == 0x0D { end -= 1 }
        if end - from > maxLineBytes { return .tooLong(number: lineNumber, bytes: end - from) }
        return .text(Data(buffer[from..<end]), number: lineNumber)
    }

    /// Appends one chunk; false at end of file.
    private mutating func fill() throws -> Bool {
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + oldCount, chunkSize)
            }
            if n < 0 && errno == EINTR { continue }
            buffer.removeSubrange((oldCount + max(n, 0))...)
            if n < 0 { throw ExportError.inputFailed(String(cString: strerror(errno))) }
            return n > 0
        }
    }
}
