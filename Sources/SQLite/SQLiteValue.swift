/// A value bound to a statement parameter or read from a column.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLiteValue {
    /// Wraps an optional integer, `nil` as NULL.
    public static func int(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
    /// Wraps an optional string, `nil` as NULL.
    public static func string(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    /// Wraps an optional double, `nil` as NULL.
    public static func double(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
}
