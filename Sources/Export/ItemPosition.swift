/// Where an item came from in the input: a line, or a file of a folder, and the shipment within a push.
///
/// In the manifest: `{"line": 3}`, `{"line": 3, "shipment": 2}`, `{"file": "a.json"}`, `{"document": true}`.
public struct ItemPosition: Sendable, Hashable, Codable {
    /// The 1-based line of a JSON Lines input.
    public var line: Int?
    /// The file name within a folder input.
    public var file: String?
    /// Set when the whole input is one JSON document (a pretty-printed push body, say).
    public var document: Bool?
    /// The 1-based shipment within a multi-shipment Kdniao push, when the record was one.
    public var shipment: Int?

    public init(line: Int? = nil, file: String? = nil, document: Bool? = nil, shipment: Int? = nil) {
        self.line = line
        self.file = file
        self.document = document
        self.shipment = shipment
    }

    /// The same record, shipment `index` (1-based) of its push.
    func shipment(_ index: Int) -> ItemPosition {
        var copy = self
        copy.shipment = index
        return copy
    }

    /// The name to fall back on when a shipment has no usable number: `line-3`, `line-3-2`, `a`, `document-2`.
    public var fallbackName: String {
        var base: String
        if let line { base = "line-\(line)" }
        else if let file {
            base = file.split(separator: ".").count > 1 ? String(file[..<file.lastIndex(of: ".")!]) : file
        } else { base = "document" }
        if let shipment { base += "-\(shipment)" }
        return base
    }

    /// For messages: `line 3`, `file a.json, shipment 2`.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let file { parts.append("file \(file)") }
        if document == true { parts.append("document") }
        if let shipment { parts.append("shipment \(shipment)") }
        return parts.joined(separator: ", ")
    }
}
