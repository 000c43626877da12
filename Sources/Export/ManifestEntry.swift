import Foundation

/// One line of `manifest.jsonl`: what became of one item.
///
/// ```
/// {"carrier":"SF","current_place":"北京顺义集散中心","error_code":null,"error_message":null,
///  "input_hash":"fnv1a64:…","item":1,"number":"SF1400000000001","outputs":["SF_SF1400000000001.png"],
///  "position":{"line":1},"progress":0.8,"state":"in-transit","status":"ok"}
/// ```
/// Keys are sorted and every key is always present (`null` when it does not apply), so lines diff and `jq` cleanly.
/// `outputs` are relative to the output folder. `input_hash` (FNV-1a 64 of the item's bytes) lets `--resume`
/// notice that the input changed under it.
public struct ManifestEntry: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case ok, error
    }

    /// The 1-based item number in the run.
    public var item: Int
    public var position: ItemPosition
    public var carrier: String?
    public var number: String?
    public var outputs: [String]
    public var status: Status
    public var errorCode: String?
    public var errorMessage: String?
    public var state: String?
    public var progress: Double?
    public var currentPlace: String?
    public var inputHash: String?

    public init(item: Int, position: ItemPosition, carrier: String? = nil, number: String? = nil,
                outputs: [String] = [], status: Status, errorCode: String? = nil, errorMessage: String? = nil,
                state: String? = nil, progress: Double? = nil, currentPlace: String? = nil, inputHash: String? = nil)
    {
        self.item = item
        self.position = position
        self.carrier = carrier
        self.number = number
        self.outputs = outputs
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.state = state
        self.progress = progress
        self.currentPlace = currentPlace
        self.inputHash = inputHash
    }

    enum CodingKeys: String, CodingKey {
        case item, position, carrier, number, outputs, status, state, progress
        case errorCode = "error_code", errorMessage = "error_message", currentPlace = "current_place"
        case inputHash = "input_hash"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(position, forKey: .position)
        try c.encode(carrier, forKey: .carrier)
        try c.encode(number, forKey: .number)
        try c.encode(outputs, forKey: .outputs)
        try c.encode(status, forKey: .status)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(errorMessage, forKey: .errorMessage)
        try c.encode(state, forKey: .state)
        try c.encode(progress, forKey: .progress)
        try c.encode(currentPlace, forKey: .currentPlace)
        try c.encode(inputHash, forKey: .inputHash)
    }

    /// The entry as one JSON line, newline included.
    public func jsonLine() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail; a failure is a programming error.
        var data = try! encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// The stem all of this entry's outputs share (`SF_1` for `SF_1.png`, `SF_1.svg`).
    var outputStem: String? {
        guard let first = outputs.first, let dot = first.lastIndex(of: ".") else { return nil }
        return String(first[..<dot])
    }
}
