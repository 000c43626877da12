import Dispatch
import Export
import Foundation
import MapRendering

/// `tracemap export`: renders route snapshots for many traces into a folder, with a manifest and resume.
enum ExportCommand: Subcommand {
    static let name = "export"
    static let summary = "render route snapshots of many traces (JSON Lines, a folder, a push) into a folder"
    static let usage = """
    usage: tracemap export --input FILE.jsonl|DIR|- --out DIR [--format png[,svg,pdf]] [--size 800x600]
                           [--scale 2] [--style NAME] [--lang zh|en] [--jobs N] [--resume] [--strict] [--index]

    Input: JSON Lines (one trace per line, any supported format), a folder of trace files (one trace or push per
    file, in name order), a single JSON document such as a Kdniao push, or '-' for stdin. Each shipment of a
    Kdniao push is its own item. Lines over 4 MiB and files over 8 MiB are recorded as errors.

    Output, in DIR: CARRIER_NUMBER.png (etc.; made safe, numbered on collision, the line number when there is
    no number), manifest.jsonl (one entry per item, in input order), and index.html with --index.

      --format LIST   png, svg, pdf, comma-separated (default png)
      --size WxH      map size in CSS pixels (default 800x600)
      --scale N       device-pixel scale for PNG, 1-3 (default 2)
      --style NAME    map style (default 'default')
      --lang zh|en    label language (default zh)
      --jobs N        worker threads (default: all cores)
      --resume        skip items a previous run into DIR completed (same input and options)
      --strict        exit 1 when any item failed
      --index         also write index.html, a contact sheet viewable offline

    Exit codes: 0 done (some items may have failed: see the manifest); 1 every item failed, or any with
    --strict, or the run could not start or read its input; 2 usage error; 130 stopped by Ctrl-C or SIGTERM
    (in-flight items finish, the manifest stays consistent; run again with --resume). A second Ctrl-C stops at once.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words,
                                 options: ["--input", "--out", "--format", "--size", "--scale", "--style", "--lang",
                                           "--jobs"],
                                 flags: ["--resume", "--strict", "--index"],
                                 aliases: ["-i": "--input", "-o": "--out", "-j": "--jobs"])
        _ = try args.requirePositionals(0, "")
        guard let inputPath = args.value("--input") else { throw CommandLineError.usage("missing --input") }
        guard let outPath = args.value("--out"), !outPath.isEmpty else { throw CommandLineError.usage("missing --out") }
        let formats: [SnapshotFormat]
        let options: RenderOptions
        let jobs: Int
        do {
            formats = try SnapshotFormat.parseList(args.value("--format") ?? "png")
            let size = try RenderOptions.parseSize(args.value("--size") ?? "800x600")
            let scaleText = args.value("--scale") ?? "2"
            guard let scale = Int(scaleText) else { throw CommandLineError.usage("--scale must be 1, 2 or 3") }
            let language = try RenderOptions.Language(parsing: args.value("--lang") ?? "zh")
            options = RenderOptions(width: size.width, height: size.height, scale: scale,
                                    style: args.value("--style") ?? "default", format: .png, language: language)
            let jobsText = args.value("--jobs") ?? String(ProcessInfo.processInfo.activeProcessorCount)
            guard let n = Int(jobsText), n >= 1, n <= 256 else {
                throw CommandLineError.usage("--jobs must be a whole number from 1 to 256")
            }
            jobs = n
        } catch let error as ExportError {
            throw CommandLineError.usage(error.description)
        } catch let error as RenderError {
            throw CommandLineError.usage(error.message)
        }
        let input: ExportInput
        do {
            input = try ExportInput.resolve(inputPath)
        } catch {
            throw CommandLineError.failure(String(describing: error))
        }
        let renderer: RouteSnapshotRenderer
        do {
            renderer = try RouteSnapshotRenderer.load(options: options)
        } catch let error as RenderError where [.invalidSize, .sizeTooLarge, .invalidScale, .unknownStyle]
            .contains(error.code)
        {
            throw CommandLineError.usage(error.message)
        }

        let stop = StopFlag()
        let signalSources = [SIGINT, SIGTERM].map { number in watch(signal: number, stop: stop) }
        defer { signalSources.forEach { $0.cancel() } }

        let display = ProgressDisplay()
        let configuration = ExportConfiguration(outputPath: outPath, formats: formats, jobs: jobs,
                                                resume: args.has("--resume"), durable: true,
                                                writeIndex: args.has("--index"),
                                                english: options.language == .en)
        let pipeline = ExportPipeline(configuration: configuration, observer: display, stop: stop) { _ in renderer }
        let summary: ExportSummary
        do {
            summary = try pipeline.run(input)
        } catch let error as ExportError {
            throw CommandLineError.failure(error.description)
        }
        display.finish(summary)
        if let inputError = summary.inputError { Standard.error("tracemap export: \(inputError)") }
        if summary.interrupted { Standard.error("tracemap export: stopped; run again with --resume to carry on") }
        return summary.exitCode(strict: args.has("--strict"))
    }

    /// Turns `signal` into a stop request; a second one exits at once (complete manifest lines stay valid and
    /// leftover temporaries are removed by the next run).
    private static func watch(signal number: Int32, stop: StopFlag) -> any DispatchSourceSignal {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if stop.raise() { _exit(128 + number) }
        }
        source.resume()
        return source
    }
}
