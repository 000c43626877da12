/// Hands out unique stems in input order: the first `SF_1` keeps its name, the next ones become `SF_1-2`, `SF_1-3`.
///
/// Names are compared case-folded, so the outputs do not collide on case-insensitive file systems (APFS, NTFS)
/// either. Because the pipeline commits items in input order, the same input always gets the same names, and a
/// resumed run rebuilds the same state by registering the names its manifest already lists.
///
/// Only a 64-bit hash of each folded name is kept (8 bytes an item), so memory stays small on long runs; a hash
/// collision could only add a needless suffix, deterministically.
public struct FileNameRegistry: Sendable {
    private var used: Set<UInt64> = []

    public init() {}

    /// The first of `stem`, `stem-2`, `stem-3`, … not handed out yet; it is recorded as used.
    public mutating func claim(_ stem: String) -> String {
        var candidate = stem
        var counter = 1
        while used.contains(Self.key(candidate)) {
            counter += 1
            candidate = "\(stem)-\(counter)"
        }
        used.insert(Self.key(candidate))
        return candidate
    }

    /// Records a stem an earlier run already used (from the manifest, on `--resume`).
    public mutating func register(_ stem: String) {
        used.insert(Self.key(stem))
    }

    static func key(_ name: String) -> UInt64 {
        FNV1a64.hash(name.lowercased().utf8)
    }
}

/// The 64-bit FNV-1a hash (http://www.isthe.com/chongo/tech/comp/fnv/): fast, stable across runs and platforms.
enum FNV1a64 {
    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The hash as 16 lower-case hex digits.
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let value = hash(bytes)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
