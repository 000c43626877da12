/// How one export runs: where it writes, what, with how many workers.
public struct ExportConfiguration: Sendable {
    /// The output folder (created when missing).
    public var outputPath: String
    /// The formats written for each item, in this order in the manifest's `outputs`.
    public var formats: [SnapshotFormat]
    /// Worker threads.
    public var jobs: Int
    /// Trust and skip the items an earlier run into the same folder completed.
    public var resume: Bool
    /// fsync images, the folder and the manifest, so a power cut cannot make the manifest vouch for a lost file.
    /// (A `kill -9` is safe either way; turning this off only speeds up throw-away runs.)
    public var durable: Bool
    public var limits: ExportLimits
    /// Write `index.html`, the contact sheet, at the end of the run (also after a stop).
    public var writeIndex: Bool
    /// Label the contact sheet in English rather than Chinese.
    public var english: Bool

    public init(outputPath: String, formats: [SnapshotFormat] = [.png], jobs: Int = 1, resume: Bool = false,
                durable: Bool = true, limits: ExportLimits = ExportLimits(),
                writeIndex: Bool = false, english: Bool = false)
    {
        precondition(!formats.isEmpty, "at least one format")
        precondition(jobs >= 1, "at least one job")
        self.outputPath = outputPath
        self.formats = formats
        self.jobs = jobs
        self.resume = resume
        self.durable = durable
        self.limits = limits
        self.writeIndex = writeIndex
        self.english = english
    }
}
