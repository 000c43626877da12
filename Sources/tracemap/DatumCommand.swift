import Foundation
import Geo

/// `tracemap datum`: converts coordinates between WGS-84, GCJ-02 and BD-09, one "lon,lat" line at a time.
///
/// The geodata build script pipes cpca's GCJ-02 points through this, so the conversion exists once, in `Geo`.
enum DatumCommand: Subcommand {
    static let name = "datum"
    static let summary = "convert lon,lat lines between wgs84, gcj02 and bd09 (stdin to stdout)"
    static let usage = """
    usage: tracemap datum --from wgs84|gcj02|bd09 --to wgs84|gcj02|bd09

    Reads lines of "lon,lat" (decimal degrees) on stdin and writes the converted "lon,lat" with 7 decimals.
    A line that is not two numbers in range stops with its line number and exit code 1.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let args = try Arguments(words, options: ["--from", "--to"])
        _ = try args.requirePositionals(0, "")
        guard let fromName = args.value("--from"), let from = Datum(rawValue: fromName.lowercased()) else {
            throw CommandLineError.usage("--from must be one of wgs84, gcj02, bd09")
        }
        guard let toName = args.value("--to"), let to = Datum(rawValue: toName.lowercased()) else {
            throw CommandLineError.usage("--to must be one of wgs84, gcj02, bd09")
        }
        var output = ""
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            let parts = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]),
                  Coordinate(lat: lat, lon: lon).isValid
            else {
                throw CommandLineError.failure("line \(lineNumber): expected 'lon,lat' in degrees, got '\(line)'")
            }
            let c = from.convert(Coordinate(lat: lat, lon: lon), to: to)
            output += String(format: "%.7f,%.7f\n", c.lon, c.lat)
            if output.utf8.count > 1 << 16 {
                Standard.outputData(Data(output.utf8))
                output = ""
            }
        }
        Standard.outputData(Data(output.utf8))
        return 0
    }
}
