import Export
import Foundation
import MapRendering

/// `tracemap bench export`: exports generated traces on all cores and compares with one thread.
///
/// Figures: `items_per_s` (the whole pipeline: read, render, write with fsync, manifest), `single_thread_per_s`
/// (the same renderer on one thread, no files, measured in the same run: four rounds of 25 traces on one thread,
/// then a quarter of the export, so both see the same machine load), their ratio `speedup` (target ≥ 1.8 on 2
/// cores), and `peak_rss_mb` (VmHWM: the process's peak resident memory). `--compare-rss` runs 2,000 and 20,000 items in child processes
/// to show that the peak stays flat as the input grows.
///
/// The machine is shared, so the speedup also depends on how many cores the export actually got: the bench
/// reports the CPU time per item on one thread and in the pipeline (equal when the pipeline adds no overhead
/// and its threads do not contend), the cores the pipeline used, and the load average.
enum BenchExport {
    static let defaultItems = 2000
    /// Traces rendered on one thread, in all (a quarter before each quarter of the export).
    static let singleThreadSample = 100
    /// How many slices the export and the single-thread sample are interleaved in.
    static let rounds = 4

    static func run(json: Bool, words: [String]) throws -> [(String, Double, String)] {
        let args = try Arguments(words, options: ["--items", "--jobs"], flags: ["--compare-rss", "--no-single"])
        _ = try args.requirePositionals(0, "")
        guard let items = Int(args.value("--items") ?? String(defaultItems)), items >= 1 else {
            throw CommandLineError.usage("--items must be a positive whole number")
        }
        guard let jobs = Int(args.value("--jobs") ?? String(ProcessInfo.processInfo.activeProcessorCount)),
              jobs >= 1
        else { throw CommandLineError.usage("--jobs must be a positive whole number") }

        let options = RenderOptions(width: 800, height: 600, scale: 2, style: "default", format: .png, language: .zh)
        let renderer = try RouteSnapshotRenderer.load(options: options)
        let work = NSTemporaryDirectory() + "tracemap-bench-export-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let rounds = min(Self.rounds, items)
        let slices = (0..<rounds).map { work + "/traces-\($0 + 1).jsonl" }
        try writeTraces(count: items, to: slices)

        var figures: [(String, Double, String)] = [("items", Double(items), "items"), ("jobs", Double(jobs), "threads")]
        let measureSingle = !args.has("--no-single")
        let sample = measureSingle ? Array(SyntheticTraces(count: min(singleThreadSample, items))) : []
        var singleSeconds = 0.0
        var singleCPU = 0.0
        var summary = ExportSummary()
        var pipelineCPU = 0.0
        // Rounds alternate one thread and the pipeline, so both see the same load on a shared machine.
        for (round, slice) in slices.enumerated() {
            let part = sample.count * round / rounds..<sample.count * (round + 1) / rounds
            let (seconds, cpu) = singleThread(renderer, Array(sample[part]))
            singleSeconds += seconds
            singleCPU += cpu
            let configuration = ExportConfiguration(outputPath: work + "/out-\(round + 1)", formats: [.png],
                                                    jobs: jobs)
            let pipeline = ExportPipeline(configuration: configuration) { _ in renderer }
            let cpuBefore = processCPUSeconds()
            let result = try pipeline.run(.file(slice))
            pipelineCPU += processCPUSeconds() - cpuBefore
            summary.done += result.done
            summary.failed += result.failed
            summary.elapsedSeconds += result.elapsedSeconds
        }
        let singleCount = sample.count
        let itemsPerSecond = Double(summary.done + summary.failed) / summary.elapsedSeconds
        figures.append(("items_per_s", itemsPerSecond, "items/s"))
        if measureSingle {
            let single = Double(singleCount) / singleSeconds
            figures.append(("single_thread_per_s", single, "items/s"))
            figures.append(("speedup", itemsPerSecond / single, "x"))
            figures.append(("single_cpu_ms_per_item", singleCPU * 1000 / Double(singleCount), "ms"))
        }
        let processed = Double(max(summary.done + summary.failed, 1))
        figures.append(("pipeline_cpu_ms_per_item", pipelineCPU * 1000 / processed, "ms"))
        // The share of the machine's cores the export got: on a shared machine it caps the speedup.
        figures.append(("pipeline_cores_used", pipelineCPU / summary.elapsedSeconds, "cores"))
        figures.append(("load_avg_1m", loadAverage(), ""))
        figures.append(("failed", Double(summary.failed), "items"))
        figures.append(("peak_rss_mb", peakResidentMegabytes(), "MB"))
        if args.has("--compare-rss") {
            for count in [2000, 20000] {
                figures.append(("peak_rss_mb_\(count)", try childPeak(items: count, jobs: jobs), "MB"))
            }
        }
        return figures
    }

    /// Streams `count` generated traces into `paths`, split into equal consecutive slices (never all in memory).
    static func writeTraces(count: Int, to paths: [String]) throws {
        var traces = SyntheticTraces(count: count)
        for (index, path) in paths.enumerated() {
            let lines = count * (index + 1) / paths.count - count * index / paths.count
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path)
            else { throw CommandLineError.failure("cannot write \(path)") }
            defer { try? handle.close() }
            var chunk = Data()
            for _ in 0..<lines {
                guard let trace = traces.next() else { break }
                chunk.append(trace)
                chunk.append(0x0A)
                if chunk.count > 1 << 20 {
                    handle.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            handle.write(chunk)
        }
    }

    /// Renders `traces` on this thread (no files); returns the seconds taken and the CPU seconds it used.
    static func singleThread(_ renderer: RouteSnapshotRenderer, _ traces: [Data]) -> (Double, Double) {
        let cpuStart = threadCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        for trace in traces { _ = try? renderer.snapshot(of: trace, formats: [.png]) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, threadCPUSeconds() - cpuStart)
    }

    /// CPU seconds (user + system) used by the calling thread.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// CPU seconds (user + system) used by the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The 1-minute load average (/proc/loadavg), to read the speedup against: others' load takes cores away.
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first, let value = Double(first)
        else { return -1 }
        return value
    }

    /// The peak resident set (VmHWM) of this process in MB, from /proc/self/status.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
        }
        return kb / 1024
    }

    /// Runs `tracemap bench export --items N --no-single --json` in a child and returns its peak RSS.
    static func childPeak(items: Int, jobs: Int) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["bench", "export", "--json", "--no-single", "--items", String(items), "--jobs",
                             String(jobs)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let peak = object["peak_rss_mb"] as? Double
        else { throw CommandLineError.failure("the \(items)-item child run failed") }
        return peak
    }
}
