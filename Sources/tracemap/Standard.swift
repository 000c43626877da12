import Foundation

/// Writes to the standard streams without buffering surprises.
enum Standard {
    /// Prints a line to stdout.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes raw bytes to stdout.
    static func outputData(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Prints a line to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Reads a whole file, or stdin for "-", with a clear error naming the file.
    static func readInput(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandLineError.failure("cannot read '\(path)': no such file or not readable")
        }
        return data
    }
}
