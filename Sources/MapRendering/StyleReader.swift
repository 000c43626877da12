import Foundation

/// Reads one JSON object of a style file strictly: every key must be known, every value of the right type.
///
/// Errors name the file, the key path (`route.travelled.width`) and the problem. Call `finish()` after reading
/// every key: whatever is left over is an unknown key.
struct StyleReader {
    let file: String
    let path: String
    private let object: [String: Any]
    private var used: Set<String> = []

    init(file: String, path: String, object: [String: Any]) {
        self.file = file
        self.path = path
        self.object = object
    }

    /// Parses a whole file's bytes into the top-level reader.
    init(file: String, data: Data) throws {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw RenderError(.invalidStyle, "\(file): not valid JSON (\((error as NSError).localizedDescription))")
        }
        guard let object = root as? [String: Any] else {
            throw RenderError(.invalidStyle, "\(file): the top level must be a JSON object")
        }
        self.init(file: file, path: "", object: object)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String, _ problem: String) -> RenderError {
        RenderError(.invalidStyle, "\(file): key '\(keyPath(key))': \(problem)")
    }

    private mutating func raw(_ key: String) throws -> Any {
        used.insert(key)
        guard let value = object[key] else { throw fail(key, "missing") }
        return value
    }

    mutating func has(_ key: String) -> Bool { object[key] != nil }

    mutating func object(_ key: String) throws -> StyleReader {
        guard let value = try raw(key) as? [String: Any] else { throw fail(key, "expected an object") }
        return StyleReader(file: file, path: keyPath(key), object: value)
    }

    mutating func number(_ key: String, in range: ClosedRange<Double> = 0...1000) throws -> Double {
        let value = try raw(key)
        guard !StyleReader.isJSONBool(value), let n = value as? NSNumber else { throw fail(key, "expected a number") }
        let d = n.doubleValue
        guard d.isFinite, range.contains(d) else { throw fail(key, "\(d) is outside \(range.lowerBound)…\(range.upperBound)") }
        return d
    }

    mutating func bool(_ key: String) throws -> Bool {
        let value = try raw(key)
        guard StyleReader.isJSONBool(value), let b = value as? Bool else { throw fail(key, "expected true or false") }
        return b
    }

    mutating func string(_ key: String) throws -> String {
        guard let s = try raw(key) as? String, !s.isEmpty else { throw fail(key, "expected a non-empty string") }
        return s
    }

    mutating func colour(_ key: String) throws -> Colour {
        let text = try string(key)
        guard let c = Colour(hex: text) else { throw fail(key, "'\(text)' is not a colour (#rrggbb or #rrggbbaa)") }
        return c
    }

    mutating func dash(_ key: String) throws -> [Double] {
        guard let array = try raw(key) as? [Any] else { throw fail(key, "expected an array of dash lengths") }
        let values = array.compactMap { StyleReader.isJSONBool($0) ? nil : ($0 as? NSNumber)?.doubleValue }
        guard values.count == array.count, values.allSatisfy({ $0 > 0 && $0 < 100 }) else {
            throw fail(key, "dash lengths must be numbers between 0 and 100 (an empty array is solid)")
        }
        return values
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T
        where T.RawValue == String
    {
        let text = try string(key)
        guard let value = T(rawValue: text) else {
            throw fail(key, "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// Whether a value from `JSONSerialization` was a JSON `true`/`false` (Foundation bridges both numbers and
    /// booleans to `NSNumber`, and `1 is Bool` holds on Linux).
    static func isJSONBool(_ value: Any) -> Bool {
        String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self
    }

    /// Throws for the first key (in sorted order) that was never read.
    func finish() throws {
        if let unknown = object.keys.filter({ !used.contains($0) }).sorted().first {
            throw fail(unknown, "unknown key")
        }
    }
}
