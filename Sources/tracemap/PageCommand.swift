import Foundation
import Geocoding
import MapRendering
import Pipeline
import TrackingPage

/// `tracemap page FILE|- -o OUT.html|-`: a trace's self-contained HTML tracking page.
enum PageCommand: Subcommand {
    static let name = "page"
    static let summary = "write a trace's self-contained HTML tracking page (map, status card, timeline)"
    static let usage = """
    usage: tracemap page FILE|- -o OUT.html|- [--lang zh|en] [--style default|dark|minimal] [--geodata DIR]

    Reads a Kdniao, Kuaidi100 or native trace from FILE or stdin and writes one HTML document with no external
    resources: the route map as inline SVG with a marker that travels to the current position, the status card
    and the events newest first. A push holding several shipments writes the first.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["-o", "--lang", "--style", GeodataOption.name], flags: [])
        let input = try args.requirePositionals(1, "FILE or -")[0]
        guard let output = args.value("-o") else { throw CommandLineError.usage("missing -o OUT.html (or - for stdout)") }
        let language: RenderOptions.Language
        let theme: TrackingPage.Theme
        do {
            language = try RenderOptions.Language(parsing: args.value("--lang") ?? "zh")
            theme = try TrackingPage.Theme(parsing: args.value("--style") ?? "default")
        } catch let error as RenderError {
            throw CommandLineError.usage(error.message)
        }
        let data = try Standard.readInput(input)
        let engine = try GeodataOption.loadEngine(args)
        do {
            let trace = try engine.geocodeFirst(data: data)
            let html = Data(try engine.page(trace: trace, language: language, theme: theme).utf8)
            if output == "-" {
                Standard.outputData(html)
            } else if !FileManager.default.createFile(atPath: output, contents: html) {
                throw CommandLineError.failure("cannot write '\(output)'")
            }
            return 0
        } catch let error as TraceError {
            throw CommandLineError.failure("\(input == "-" ? "stdin" : input): \(error)")
        } catch let error as RenderError {
            throw CommandLineError.failure(error.description)
        }
    }
}
