import Foundation

/// One unit of work: a single shipment's trace, or why its record could not be read.
struct ExportItem: Sendable {
    /// The 1-based number of the item in the whole run (pushes count once per shipment).
    var sequence: Int
    var position: ItemPosition
    var content: Result<Data, ItemError>
}

/// Reads items from an input one by one, splitting multi-shipment Kdniao pushes into one item per shipment.
struct ItemReader {
    private var records: any RecordSource
    private var pending: [ExportItem] = []
    private var nextSequence = 1
    /// Whether the input turned out to be one JSON document (so its line count says nothing about items).
    let isSingleDocument: Bool

    init(_ input: ExportInput, limits: ExportLimits) throws {
        switch input {
        case .file(let path):
            let stream = try StreamRecords(path: path, limits: limits)
            records = stream
            isSingleDocument = stream.isSingleDocument
        case .standardInput:
            let stream = try StreamRecords(path: nil, limits: limits)
            records = stream
            isSingleDocument = stream.isSingleDocument
        case .directory(let path):
            records = try DirectoryRecords(path: path, limits: limits)
            isSingleDocument = false
        }
    }

    init(records: any RecordSource) {
        self.records = records
        isSingleDocument = false
    }

    /// The next item, or nil at the end of the input.
    ///
    /// - Throws: `ExportError.inputFailed` when reading fails (not for bad content, which is an item error).
    mutating func next() throws -> ExportItem? {
        if pending.isEmpty {
            guard let record = try records.next() else { return nil }
            if case .success(let data) = record.content, let shipments = KdniaoPushSplitter.shipments(in: data) {
                pending = shipments.enumerated().map { offset, trace in
                    ExportItem(sequence: 0, position: record.position.shipment(offset + 1), content: .success(trace))
                }
            } else {
                pending = [ExportItem(sequence: 0, position: record.position, content: record.content)]
            }
            pending.reverse()
        }
        var item = pending.removeLast()
        item.sequence = nextSequence
        nextSequence += 1
        return item
    }
}
