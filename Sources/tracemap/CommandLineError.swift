/// An error the command line reports before or while running a subcommand.
///
/// `usage` errors (unknown subcommand, bad flag) exit 2 with usage text, like swift-argument-parser's
/// `ValidationError`; `failure` errors exit with their code (1 unless said otherwise) after one message line.
enum CommandLineError: Error, CustomStringConvertible {
    case usage(String)
    case failure(String, exitCode: Int32 = 1)

    var description: String {
        switch self {
        case .usage(let message), .failure(let message, _): return message
        }
    }
}
