/// The variable-length-code LZW compressor of GIF image data (GIF89a spec, Appendix F).
///
/// Codes start one bit wider than the minimum code size, grow to at most 12 bits, and the table is reset with a
/// clear code when it is full. The output is the raw code stream, least significant bit first, before it is cut
/// into sub-blocks.
/// ```swift
/// let codes = LZWEncoder.encode(indices, minimumCodeSize: 2)
/// ```
public enum LZWEncoder {
    /// The largest code GIF allows (12 bits).
    static let maxCode = 4095
    /// Open-addressing table size: a prime well above 4096 entries, as in the classic `compress` encoder.
    static let tableSize = 5003

    /// Compresses `indices` (each below `1 << minimumCodeSize`) into GIF's LZW code stream.
    /// - Precondition: `minimumCodeSize` is 2…8, and every index fits in it.
    public static func encode(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        precondition((2...8).contains(minimumCodeSize), "GIF's LZW minimum code size is 2…8")
        let clearCode = 1 << minimumCodeSize
        let endCode = clearCode + 1
        var writer = BitWriter()
        var codeSize = minimumCodeSize + 1
        var nextCode = endCode + 1
        // Key: prefix code << 8 | byte, plus one (0 marks an empty slot). Value: the code of that string.
        var keys = [Int32](repeating: 0, count: tableSize)
        var values = [UInt16](repeating: 0, count: tableSize)

        writer.write(clearCode, bits: codeSize)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(endCode, bits: codeSize)
            return writer.finish()
        }
        precondition(prefix < clearCode, "index \(prefix) does not fit in \(minimumCodeSize) bits")
        for byte in indices.dropFirst() {
            let k = Int(byte)
            precondition(k < clearCode, "index \(k) does not fit in \(minimumCodeSize) bits")
            let key = Int32((prefix << 8) | k) + 1
            var slot = (k << 4 ^ prefix) % tableSize
            var found = false
            while keys[slot] != 0 {
                if keys[slot] == key { found = true; break }
                slot = slot == 0 ? tableSize - 1 : slot - 1
            }
            if found {
                prefix = Int(values[slot])
                continue
            }
            writer.write(prefix, bits: codeSize)
            if nextCode <= maxCode {
                keys[slot] = key
                values[slot] = UInt16(nextCode)
                nextCode += 1
                // The decoder adds each entry one code later than we do, so it widens after reading the code
                // that follows entry 2^n − 1: we widen once entry 2^n exists.
                if nextCode > (1 << codeSize) && codeSize < 12 { codeSize += 1 }
            } else {
                writer.write(clearCode, bits: codeSize)
                keys = [Int32](repeating: 0, count: tableSize)
                codeSize = minimumCodeSize + 1
                nextCode = endCode + 1
            }
            prefix = k
        }
        writer.write(prefix, bits: codeSize)
        writer.write(endCode, bits: codeSize)
        return writer.finish()
    }

    /// Packs codes least significant bit first (GIF89a spec, Appendix F).
    struct BitWriter {
        private var bytes: [UInt8] = []
        private var accumulator: UInt32 = 0
        private var count = 0

        mutating func write(_ code: Int, bits: Int) {
            accumulator |= UInt32(code) << UInt32(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                count -= 8
            }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
            accumulator = 0
            count = 0
            return bytes
        }
    }
}
