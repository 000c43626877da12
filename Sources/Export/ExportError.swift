import Foundation

/// Why an export could not start or could not go on: these stop the whole run (exit 1 or 2).
///
/// Failures of single items are not `ExportError`s: they are recorded in the manifest (`ItemError`).
public enum ExportError: Error, CustomStringConvertible, Equatable {
    /// `--format` named an unknown or repeated format (a usage error).
    case badFormatList(String)
    /// The input path does not exist or is neither a regular file, a folder nor `-`.
    case badInput(path: String, reason: String)
    /// The output folder cannot be created, locked or written.
    case outputFolder(path: String, reason: String)
    /// Another export is writing into the same output folder (its lock file is held).
    case outputFolderBusy(path: String)
    /// Reading the input failed part way (an I/O error, not a bad line).
    case inputFailed(String)
    /// The manifest could not be written: the run cannot promise anything about its outputs.
    case manifestFailed(String)

    public var description: String {
        switch self {
        case .badFormatList(let message): return message
        case .badInput(let path, let reason): return "input '\(path)': \(reason)"
        case .outputFolder(let path, let reason): return "output folder '\(path)': \(reason)"
        case .outputFolderBusy(let path): return "output folder '\(path)' is in use by another export"
        case .inputFailed(let message): return "reading the input failed: \(message)"
        case .manifestFailed(let message): return "writing the manifest failed: \(message)"
        }
    }
}

/// Why one item failed, as recorded in its manifest entry.
public struct ItemError: Error, Sendable, Hashable, ExportItemFailure {
    public var code: String
    public var message: String

    /// The longest message kept, in characters: a renderer's error may quote a whole trace.
    public static let maxMessageLength = 500

    public init(code: String, message: String) {
        self.code = code
        self.message = message.count > Self.maxMessageLength
            ? String(message.prefix(Self.maxMessageLength)) + "…" : message
    }

    /// The error's stable code and message, whatever the renderer threw.
    public init(_ error: any Error) {
        if let failure = error as? any ExportItemFailure {
            self.init(code: failure.code, message: failure.message)
        } else {
            self.init(code: "render.failed", message: String(describing: error))
        }
    }

    /// Input and rendering errors repeat on a retry; I/O errors may not, so `--resume` retries only those.
    public var isTransient: Bool { code.hasPrefix("io.") }

    static func lineTooLong(bytes: Int, limit: Int) -> ItemError {
        ItemError(code: "input.line_too_long", message: "line of \(bytes) bytes or more exceeds the \(limit)-byte limit")
    }

    static func fileTooLarge(bytes: Int, limit: Int) -> ItemError {
        ItemError(code: "input.too_large", message: "file of \(bytes) bytes exceeds the \(limit)-byte limit")
    }

    static func unreadable(_ reason: String) -> ItemError {
        ItemError(code: "io.unreadable", message: reason)
    }

    static func writeFailed(_ reason: String) -> ItemError {
        ItemError(code: "io.write_failed", message: reason)
    }
}
