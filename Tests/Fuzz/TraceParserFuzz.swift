// libFuzzer entry for the trace parsers and the geocoder: compiled by `make fuzz` with the Geo, SQLite, Gazetteer
// and Geocoding sources (swiftc -sanitize=fuzzer,address); not a SwiftPM target.
//
// Each input goes through `Geocoder.geocode(data:)` with small limits (so the limit paths are reached with short
// inputs), as a body of `POST /v1/render` would. Bad input must come back as a `TraceError`; a trace that parses
// must respect the limits and encode to GeocodeJSON that reads back as JSON. Any crash, sanitizer report or
// broken property is a finding. The gazetteer is loaded once from $TRACEMAP_GEODATA_DIR or ./geodata.
import Foundation
import Gazetteer
import Geocoding

let fuzzLimits = TraceLimits(maxTextBytes: 512, maxEvents: 64, maxBodyBytes: 16 * 1024)

let fuzzGeocoder: Geocoder = {
    do {
        return Geocoder(gazetteer: try Gazetteer.load(locator: GeodataLocator()), limits: fuzzLimits)
    } catch {
        fatalError("the trace fuzzer needs the gazetteer: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceParsers(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    let traces: [GeocodedTrace]
    do {
        traces = try fuzzGeocoder.geocode(data: data)
    } catch let error as TraceError {
        precondition(!error.message.isEmpty, "a TraceError without a message")
        return 0
    } catch {
        fatalError("geocode threw a non-TraceError: \(error)")
    }
    for trace in traces {
        precondition(trace.events.count <= fuzzLimits.maxEvents, "more events than the limit")
        let json = GeocodeJSON.encode(trace)
        precondition((try? JSONSerialization.jsonObject(with: json)) != nil, "GeocodeJSON is not JSON")
    }
    return 0
}
