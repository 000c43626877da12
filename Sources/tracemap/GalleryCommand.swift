import Foundation
import Geocoding
import MapRendering
import Pipeline

/// `tracemap gallery`: renders every trace of a folder in every gallery variant into a contact sheet and checks
/// each layout (no overlapping labels, the markers the trace implies).
enum GalleryCommand: Subcommand {
    static let name = "gallery"
    static let summary = "render a folder of traces in every size, style and language into a contact sheet"
    static let usage = """
    usage: tracemap gallery [--out DIR] [--traces DIR] [--geodata DIR]

    Renders every *.json trace in --traces (default Tests/MapRenderingTests/Fixtures/gallery) at 300x225,
    800x600 and 800x600@2x in the default, dark and minimal styles, in zh and en, into --out (default
    .build/gallery): NAME-VARIANT.png, NAME-VARIANT.scene.json (as `render --scene` writes) and index.html.
    Prints one summary line per trace. A trace that cannot be read or rendered is reported in the sheet and
    the others still render. Exit codes: 0 every layout is clean; 1 a trace failed, a layout has overlapping
    labels or lacks a marker the trace implies (origin, destination, current), or the folders are unusable.
    \(GeodataOption.usage)
    """

    /// Trace files larger than this are reported, not read.
    static let maxTraceBytes = 8 << 20

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--out", "--traces", GeodataOption.name])
        _ = try args.requirePositionals(0, "")
        let tracesPath = args.value("--traces") ?? "Tests/MapRenderingTests/Fixtures/gallery"
        let outPath = args.value("--out") ?? ".build/gallery"
        let files = try traceFiles(in: tracesPath)
        do {
            try FileManager.default.createDirectory(atPath: outPath, withIntermediateDirectories: true)
        } catch {
            throw CommandLineError.failure("cannot create '\(outPath)': \(error.localizedDescription)")
        }
        let engine = try GeodataOption.loadEngine(args)
        let out = URL(fileURLWithPath: outPath)
        var results: [GalleryResult] = []
        for file in files {
            let result = render(file, engine: engine, into: out)
            results.append(result)
            Standard.output(summary(result))
        }
        let index = out.appendingPathComponent(GallerySheet.fileName)
        do {
            try Data(GallerySheet.html(results).utf8).write(to: index, options: .atomic)
        } catch {
            throw CommandLineError.failure("cannot write '\(index.path)': \(error.localizedDescription)")
        }
        let failed = results.filter(\.failed).count
        Standard.output("gallery: \(results.count) traces, \(failed) with problems; \(index.path)")
        return failed == 0 ? 0 : 1
    }

    /// The folder's `*.json` files in name order.
    static func traceFiles(in path: String) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandLineError.failure("traces folder '\(path)' does not exist or is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw CommandLineError.failure("cannot list '\(path)': \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw CommandLineError.failure("no *.json traces in '\(path)'") }
        return files.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
    }

    /// One trace in every variant, with its layout checks; failures become the result's error, never a throw.
    static func render(_ file: URL, engine: TraceEngine, into out: URL) -> GalleryResult {
        let name = file.deletingPathExtension().lastPathComponent
        var result = GalleryResult(name: name, title: "", state: "")
        let scene: MapScene
        do {
            let size = (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            guard size <= maxTraceBytes else {
                result.error = "\(file.lastPathComponent): \(size) bytes, over the \(maxTraceBytes)-byte limit"
                return result
            }
            let data = try Data(contentsOf: file)
            guard let trace = try engine.geocode(data: data).first else {
                result.error = "\(file.lastPathComponent): no shipment in the file"
                return result
            }
            scene = engine.sceneAsOfLastEvent(trace)
        } catch {
            result.error = "\(file.lastPathComponent): \(error)"
            return result
        }
        result.title = [scene.carrier, scene.number].compactMap { $0 }.joined(separator: " ")
        result.state = scene.state.chineseLabel + " / " + scene.state.englishLabel
        result.place = scene.currentName
        for variant in GalleryVariant.all {
            let base = "\(name)-\(variant.label)"
            do {
                let image = try engine.renderer.render(scene: scene, options: variant.options)
                let description = try engine.renderer.describe(scene: scene, options: variant.options)
                try image.data.write(to: out.appendingPathComponent(base + ".png"), options: .atomic)
                try description.json.write(to: out.appendingPathComponent(base + ".scene.json"), options: .atomic)
                result.images.append(.init(variant: variant, png: base + ".png", scene: base + ".scene.json",
                                           problems: problems(description, scene: scene, variant: variant)))
            } catch {
                result.error = (result.error.map { $0 + "; " } ?? "") + "\(variant.label): \(error)"
            }
        }
        return result
    }

    /// What is wrong with one layout: overlapping labels, labels off the map, markers the scene implies missing.
    static func problems(_ d: SceneDescription, scene: MapScene, variant: GalleryVariant) -> [String] {
        var problems: [String] = []
        let labels = d.labels
        for i in labels.indices {
            for j in labels.indices where j > i {
                let a = labels[i], b = labels[j]
                if a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height {
                    problems.append("labels overlap: '\(a.text)' (\(a.role)) and '\(b.text)' (\(b.role))")
                }
            }
        }
        let k = Double(variant.scale)
        for label in labels where label.x < 0 || label.y < 0 || label.x + label.width > Double(variant.width) * k + 0.5
            || label.y + label.height > Double(variant.height) * k + 0.5
        {
            problems.append("label off the map: '\(label.text)'")
        }
        guard !scene.isUnknown else { return problems }
        let roles = Set(d.markers.map(\.role))
        var expected: [String] = []
        if scene.stops.contains(where: { $0.kind == .origin }) { expected.append("origin") }
        // Where the parcel stands at its destination, one marker says both (the pin for a delivered parcel, the
        // pulse otherwise), so either role answers for the other there.
        let atDestination = scene.current.map { c in
            scene.stops.contains { $0.kind == .destination && $0.coordinate.kilometres(to: c) < 0.5 }
        } ?? false
        if scene.stops.contains(where: { $0.kind == .destination }) { expected.append("destination") }
        if scene.current != nil { expected.append("current") }
        for role in expected where !roles.contains(role) {
            if atDestination, roles.contains(role == "current" ? "destination" : "current") { continue }
            problems.append("no \(role) marker")
        }
        return problems
    }

    /// One line: the trace, its state and place, how many images, and its problems.
    static func summary(_ result: GalleryResult) -> String {
        if let error = result.error, result.images.isEmpty { return "FAIL \(result.name): \(error)" }
        var line = "\(result.failed ? "FAIL" : "ok  ") \(result.name): \(result.state)"
        if let place = result.place { line += " at \(place)" }
        line += ", \(result.images.count) images"
        if let error = result.error { line += "; error: \(error)" }
        let problems = result.problems
        if !problems.isEmpty { line += "; " + problems.joined(separator: "; ") }
        return line
    }
}
