// libFuzzer entry for HTTPRequestDecoder: compiled by `make fuzz` together with Sources/HTTPServer/*.swift
// (swiftc -sanitize=fuzzer,address -parse-as-library); not a SwiftPM target.
//
// Each input is fed to the decoder twice: whole, and split at a position taken from its first byte, and both
// runs must agree (same requests, same error status). Any crash, sanitizer report or disagreement is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestDecoder(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    var limits = ServerLimits()
    // Small limits so the fuzzer reaches the limit paths with short inputs.
    limits.maxRequestLineBytes = 256
    limits.maxHeaderBytes = 1024
    limits.maxHeaderCount = 16
    limits.maxBodyBytes = 4096
    limits.maxChunkLineBytes = 64
    let whole = decodeAll([bytes[...]], limits: limits)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let pieces = decodeAll([bytes[0..<split], bytes[split...]], limits: limits)
    if whole != pieces {
        fatalError("decoding differs when the input is split at \(split): \(whole) vs \(pieces)")
    }
    return 0
}

/// The requests decoded (method, path, body size) and the final error status, if any.
struct Outcome: Equatable {
    var requests: [String] = []
    var errorStatus: Int?
}

func decodeAll(_ pieces: [ArraySlice<UInt8>], limits: ServerLimits) -> Outcome {
    var decoder = HTTPRequestDecoder(limits: limits)
    var outcome = Outcome()
    do {
        for piece in pieces {
            decoder.append(piece)
            while let request = try decoder.nextRequest() {
                outcome.requests.append("\(request.method) \(request.path) \(request.queryItems.count) \(request.body.count)")
                precondition(request.body.count <= limits.maxBodyBytes, "body over the limit")
            }
            precondition(decoder.bufferedByteCount <= limits.maxHeaderBytes + limits.maxBodyBytes + 2 * pieces.map(\.count).reduce(0, +),
                         "buffer grew without bound")
        }
    } catch {
        precondition((400...599).contains(error.status), "error status out of range")
        outcome.errorStatus = error.status
    }
    return outcome
}
