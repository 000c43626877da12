/// The bounds the export pipeline keeps, as named settings with defaults.
///
/// Every limit protects memory or the file system from one hostile or broken input; none of them is a literal
/// buried in the code.
public struct ExportLimits: Sendable, Hashable {
    /// The longest JSON Lines line, in bytes; a longer line is recorded as an `input.line_too_long` error.
    public var maxLineBytes: Int
    /// The largest trace file in a folder input (or a single JSON document), in bytes.
    public var maxItemBytes: Int
    /// The longest file-name stem, in UTF-8 bytes, before the collision suffix and the extension.
    ///
    /// 120 leaves room for `-99999`, an extension and the `.export-…tmp-PID` temporary prefix under the
    /// 255-byte NAME_MAX of ext4, XFS and APFS.
    public var maxNameBytes: Int
    /// How many items may be read ahead of the oldest uncommitted one, per worker (the reorder window).
    public var windowPerJob: Int

    public init(maxLineBytes: Int = 4 << 20, maxItemBytes: Int = 8 << 20, maxNameBytes: Int = 120,
                windowPerJob: Int = 2)
    {
        precondition(maxLineBytes > 0 && maxItemBytes > 0 && windowPerJob > 0, "limits must be positive")
        precondition(maxNameBytes >= 16, "names need at least 16 bytes")
        self.maxLineBytes = maxLineBytes
        self.maxItemBytes = maxItemBytes
        self.maxNameBytes = maxNameBytes
        self.windowPerJob = windowPerJob
    }
}
