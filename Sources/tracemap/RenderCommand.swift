import Arrival
import Foundation
import Pipeline
import Gazetteer
import Geocoding
import MapRendering
import Routing

/// `tracemap render FILE|- -o OUT`: geocodes a trace, builds its route and draws the map as PNG, SVG or PDF.
enum RenderCommand: Subcommand {
    static let name = "render"
    static let summary = "draw a trace's route map as PNG, SVG or PDF"
    static let usage = """
    usage: tracemap render FILE|- -o OUT [--size 800x600] [--scale 1|2|3] [--style default] [--format png|svg|pdf|gif]
                           [--lang zh|en] [--scene FILE] [--geodata DIR]

    Reads a Kdniao, Kuaidi100 or native trace from FILE or stdin, locates its events, builds the route and writes
    the map to OUT ('-o -' writes to stdout). The format follows OUT's extension unless --format is given (PNG for
    stdout). Styles are styles/NAME.json (default, dark, minimal; $TRACEMAP_STYLES_DIR overrides the directory).
    A push holding several shipments renders the first. Bad options or input exit 1 with the error code.
    \(GeodataOption.usage)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["-o", "--size", "--scale", "--style", "--format", "--lang",
                                                  "--scene", GeodataOption.name])
        let input = try args.requirePositionals(1, "FILE or -")[0]
        guard let output = args.value("-o") else { throw CommandLineError.usage("missing -o OUT") }
        do {
            let options = try renderOptions(args, output: output)
            let data = try Standard.readInput(input)
            let gazetteer = try GeodataOption.loadGazetteer(args)
            // The engine composes the pipeline: its geocoder, the route with its cities, the card's ETA (priors:
            // the CLI has no history), the predicted hub.
            let engine = TraceEngine(gazetteer: gazetteer, renderer: try makeRenderer(args))
            let renderer = engine.renderer
            let traces: [GeocodedTrace]
            do {
                traces = try engine.geocode(data: data)
            } catch let error as TraceError {
                throw CommandLineError.failure("\(input == "-" ? "stdin" : input): \(error)")
            }
            guard let trace = traces.first else {
                throw CommandLineError.failure("\(input == "-" ? "stdin" : input): no shipment in the input")
            }
            if traces.count > 1 { Standard.error("note: the input holds \(traces.count) shipments; rendering the first") }
            let scene = engine.scene(trace)
            let image = try renderer.render(scene: scene, options: options)
            if let scenePath = args.value("--scene") {
                // The layout as data: zoom, labels with roles and boxes, markers, the card's facts.
                let description = try renderer.describe(scene: scene, options: options)
                do {
                    try description.json.write(to: URL(fileURLWithPath: scenePath), options: .atomic)
                } catch {
                    throw CommandLineError.failure("cannot write '\(scenePath)': \(error.localizedDescription)")
                }
            }
            if output == "-" {
                Standard.outputData(image.data)
            } else {
                do {
                    try image.data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CommandLineError.failure("cannot write '\(output)': \(error.localizedDescription)")
                }
            }
            return 0
        } catch let error as RenderError {
            throw CommandLineError.failure(error.description)
        }
    }

    /// The options from the flags; the format from `--format`, else OUT's extension, else PNG for stdout.
    static func renderOptions(_ args: Arguments, output: String) throws -> RenderOptions {
        var options = RenderOptions()
        if let size = args.value("--size") {
            (options.width, options.height) = try RenderOptions.parseSize(size)
        }
        if let scale = args.value("--scale") {
            guard let value = Int(scale) else { throw RenderError(.invalidScale, "scale '\(scale)' is not 1, 2 or 3") }
            options.scale = value
        }
        if let style = args.value("--style") { options.style = style }
        if let lang = args.value("--lang") { options.language = try RenderOptions.Language(parsing: lang) }
        if let format = args.value("--format") {
            options.format = try RenderOptions.Format(parsing: format)
        } else if output != "-" {
            let ext = URL(fileURLWithPath: output).pathExtension
            guard !ext.isEmpty else {
                throw RenderError(.unknownFormat, "'\(output)' has no extension; add .png, .svg or .pdf or pass --format")
            }
            options.format = try RenderOptions.Format(parsing: ext)
        }
        try RenderLimits.default.validate(options)
        return options
    }

    /// The renderer over the geodata directory's base map and the styles directory.
    static func makeRenderer(_ args: Arguments) throws -> MapRenderer {
        let directory: String
        do {
            directory = try GeodataLocator(explicitDirectory: args.value(GeodataOption.name)).directory()
        } catch let error as GazetteerError {
            throw CommandLineError.failure(error.description)
        }
        let basemap = try BaseMap(path: directory + "/basemap.sqlite")
        return MapRenderer(basemap: basemap, styles: try StyleLibrary.locate())
    }
}
