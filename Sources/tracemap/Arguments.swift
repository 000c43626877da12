/// The parsed words of one subcommand: options with values, boolean flags and positionals.
///
/// Accepts `--name value` and `--name=value`; `-` alone is a positional (stdin/stdout). Anything starting with `-`
/// that the subcommand did not declare is a usage error (exit 2).
struct Arguments {
    private(set) var positionals: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `words` given the option names that take a value and the boolean flags (both with their dashes).
    /// `aliases` maps a short form (`-o`) to its long form.
    init(_ words: [String], options: Set<String> = [], flags flagNames: Set<String> = [],
         aliases: [String: String] = [:]) throws
    {
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            var word = words[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            var inlineValue: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                inlineValue = String(word[word.index(after: eq)...])
                word = String(word[..<eq])
            }
            word = aliases[word] ?? word
            if options.contains(word) {
                if let inlineValue {
                    values[word] = inlineValue
                } else {
                    guard index < words.count else { throw CommandLineError.usage("option \(word) needs a value") }
                    values[word] = words[index]
                    index += 1
                }
            } else if flagNames.contains(word), inlineValue == nil {
                flags.insert(word)
            } else {
                throw CommandLineError.usage("unknown option '\(word)'")
            }
        }
    }

    /// The value of an option, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Whether a boolean flag was given.
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Exactly `count` positionals, or a usage error naming what is expected.
    func requirePositionals(_ count: Int, _ what: String) throws -> [String] {
        guard positionals.count == count else {
            throw CommandLineError.usage(positionals.count < count ? "missing \(what)" :
                "unexpected argument '\(positionals[count])'")
        }
        return positionals
    }
}
