import Foundation
import HTTPServer
import MCP

/// Reads one tool call's arguments, each a typed value or an `MCPArgumentError` naming it.
struct ToolArguments {
    let values: [String: Any]
    /// Names the tool accepts: any other is refused, so a misspelt argument is not silently ignored.
    let known: Set<String>

    init(_ values: [String: Any], known: Set<String>) throws(MCPArgumentError) {
        self.values = values
        self.known = known
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw MCPArgumentError("unknown argument '\(unknown.prefix(40))' (expected \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// A string argument, trimmed; nil when absent or null.
    func string(_ name: String, maxLength: Int = 200) throws(MCPArgumentError) -> String? {
        switch values[name] {
        case nil, is NSNull: return nil
        case let text as String:
            guard text.count <= maxLength else { throw MCPArgumentError("\(name) is longer than \(maxLength) characters") }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        default: throw MCPArgumentError("\(name) must be a string")
        }
    }

    /// An integer argument within `range`; nil when absent or null.
    func integer(_ name: String, _ range: ClosedRange<Int>) throws(MCPArgumentError) -> Int? {
        switch values[name] {
        case nil, is NSNull: return nil
        case let n as NSNumber where String(cString: n.objCType) != "c":
            let d = n.doubleValue
            guard d.rounded() == d, let value = Int(exactly: d), range.contains(value) else {
                throw MCPArgumentError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        default: throw MCPArgumentError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// One of `choices`; nil when absent or null.
    func choice(_ name: String, _ choices: [String]) throws(MCPArgumentError) -> String? {
        guard let value = try string(name) else { return nil }
        guard choices.contains(value) else {
            throw MCPArgumentError("\(name) must be one of \(choices.joined(separator: ", ")) (got '\(value.prefix(40))')")
        }
        return value
    }

    /// The `trace` argument as bytes: an object or array is re-encoded, a string is taken as the trace's JSON text
    /// (as an aggregator returned it).
    func trace(maxBytes: Int) throws(MCPArgumentError) -> Data? {
        switch values["trace"] {
        case nil, is NSNull: return nil
        case let text as String:
            guard text.utf8.count <= maxBytes else { throw MCPArgumentError("trace is larger than \(maxBytes) bytes") }
            return Data(text.utf8)
        case let object where object is [String: Any] || object is [Any]:
            guard let data = try? JSONSerialization.data(withJSONObject: object) else {
                throw MCPArgumentError("trace is not JSON")
            }
            guard data.count <= maxBytes else { throw MCPArgumentError("trace is larger than \(maxBytes) bytes") }
            return data
        default: throw MCPArgumentError("trace must be an object or a string of JSON")
        }
    }

    /// The render options as the HTTP query would carry them, so one gate checks both (`LimitsGate.options`).
    func renderQuery() throws(MCPArgumentError) -> [QueryItem] {
        var items: [QueryItem] = []
        if let size = try string("size", maxLength: 20) { items.append(QueryItem(name: "size", value: size)) }
        if let scale = try integer("scale", 1...4) { items.append(QueryItem(name: "scale", value: String(scale))) }
        if let style = try string("style", maxLength: 40) { items.append(QueryItem(name: "style", value: style)) }
        if let lang = try choice("lang", ["zh", "en"]) { items.append(QueryItem(name: "lang", value: lang)) }
        return items
    }
}
