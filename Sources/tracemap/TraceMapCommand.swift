import Foundation

/// The `tracemap` command: dispatches to subcommands and turns errors into messages and exit codes.
///
/// Exit codes: 0 success, 1 bad input or a failed operation, 2 usage errors (unknown subcommand, bad flag).
enum TraceMapCommand {
    /// Every subcommand, in the order `--help` lists them.
    static let subcommands: [any Subcommand.Type] = [
        DatumCommand.self,
        PlacesCommand.self,
        GeocodeCommand.self,
        RenderCommand.self,
        RouteCommand.self,
        EtaCommand.self,
        PageCommand.self,
        MCPCommand.self,
        ExportCommand.self,
        GalleryCommand.self,
        BenchCommand.self,
        SignCommand.self,
        ShipmentsCommand.self,
        ServeCommand.self,
    ]

    static var usage: String {
        var text = """
        tracemap: route maps for parcel traces, offline.

        usage: tracemap <subcommand> [options]

        subcommands:

        """
        let width = subcommands.map { $0.name.count }.max() ?? 0
        for command in subcommands {
            text += "  \(command.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.summary)\n"
        }
        text += "\nRun 'tracemap <subcommand> --help' for a subcommand's options."
        return text
    }

    static func main(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first else {
            Standard.error(usage)
            return 2
        }
        if name == "--help" || name == "-h" || name == "help" {
            Standard.output(usage)
            return 0
        }
        guard let command = subcommands.first(where: { $0.name == name }) else {
            Standard.error("tracemap: unknown subcommand '\(name)'\n\n\(usage)")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Standard.output(command.usage)
            return 0
        }
        do {
            return try command.run(rest)
        } catch CommandLineError.usage(let message) {
            Standard.error("tracemap \(name): \(message)\n\n\(command.usage)")
            return 2
        } catch CommandLineError.failure(let message, let code) {
            Standard.error("tracemap \(name): \(message)")
            return code
        } catch {
            Standard.error("tracemap \(name): \(error)")
            return 1
        }
    }
}
