/// One `tracemap` subcommand: its name, its usage text and how it runs.
protocol Subcommand: Sendable {
    /// The word after `tracemap`.
    static var name: String { get }
    /// One line for `tracemap --help`.
    static var summary: String { get }
    /// The full usage text, shown by `tracemap NAME --help` and on usage errors.
    static var usage: String { get }
    /// Runs with the words after the subcommand name; returns the exit code.
    static func run(_ words: [String]) throws -> Int32
}
