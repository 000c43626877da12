import Foundation

/// An image format the export writes: the file extension and the renderer's output kind.
public enum SnapshotFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case png, svg, pdf

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Parses a comma-separated list such as `png,svg`: no duplicates, at least one, order kept.
    ///
    /// - Throws: `ExportError.badFormatList` naming the unknown or repeated word.
    public static func parseList(_ text: String) throws -> [SnapshotFormat] {
        var formats: [SnapshotFormat] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = SnapshotFormat(rawValue: name) else {
                throw ExportError.badFormatList("unknown format '\(name)' (expected png, svg or pdf)")
            }
            guard !formats.contains(format) else {
                throw ExportError.badFormatList("format '\(name)' given twice")
            }
            formats.append(format)
        }
        return formats
    }
}

