import Foundation

/// Makes a file-name stem from a shipment's carrier and number that is safe on any common file system.
///
/// The rules, applied in order:
/// 1. Unicode NFC, so one name has one spelling on disk (APFS and ext4 otherwise differ).
/// 2. Only letters, marks and digits of any script plus ASCII `-`, `_`, `.`, `+`, `@`, `=` are kept; every other
///    character, including `/`, `\`, NUL and every control, format (bidi overrides, zero-width), space,
///    symbol and punctuation character, becomes `_`. So no name can traverse (`../`), hide a separator or
///    reorder its display.
/// 3. Runs of `_` collapse; leading `.`, `-`, `_` (hidden files, option look-alikes) and trailing `.`, `_`
///    (which Windows drops) are trimmed.
/// 4. The stem is cut to `maxBytes` UTF-8 bytes at a character boundary, so Chinese numbers stay readable.
/// 5. Windows device names (`CON`, `NUL`, `COM1`, `LPT1`, …, also before a dot) get a trailing `_`.
///
/// ```
/// FileNameSanitizer().stem(carrier: "SF", number: "../../etc/passwd", fallback: "line-3")  // "SF_etc_passwd"
/// ```
public struct FileNameSanitizer: Sendable {
    /// The longest stem, in UTF-8 bytes (see `ExportLimits.maxNameBytes`).
    public var maxBytes: Int
    /// The longest carrier part, so a long carrier name cannot push the number out of the stem.
    public var maxCarrierBytes: Int

    public init(maxBytes: Int = ExportLimits().maxNameBytes, maxCarrierBytes: Int = 32) {
        precondition(maxBytes >= 16 && maxCarrierBytes >= 1, "a stem needs room")
        self.maxBytes = maxBytes
        self.maxCarrierBytes = min(maxCarrierBytes, maxBytes / 2)
    }

    /// The stem for a shipment: `CARRIER_NUMBER`, `NUMBER`, or the sanitised `fallback` (prefixed with the carrier
    /// when there is one) when the number gives nothing usable; `item` when even that is empty.
    public func stem(carrier: String?, number: String?, fallback: String) -> String {
        let carrierPart = truncate(sanitize(carrier ?? ""), to: maxCarrierBytes)
        var main = sanitize(number ?? "")
        if main.isEmpty { main = sanitize(fallback) }
        if main.isEmpty { main = "item" }
        let joined = carrierPart.isEmpty ? main : carrierPart + "_" + main
        return avoidReserved(trimEdges(truncate(joined, to: maxBytes)))
    }

    /// Sanitises one text by rules 1–4; the empty string when nothing safe is left.
    public func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasUnderscore = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let keep = Self.isAllowed(scalar)
            let mapped: Unicode.Scalar = keep ? scalar : "_"
            if mapped == "_" {
                if lastWasUnderscore { continue }
                lastWasUnderscore = true
            } else {
                lastWasUnderscore = false
            }
            out.append(mapped)
        }
        return trimEdges(truncate(String(out), to: maxBytes))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                || "-_.+@=".unicodeScalars.contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return !scalar.properties.isNoncharacterCodePoint
        default:
            return false
        }
    }

    /// Cuts to at most `limit` UTF-8 bytes without splitting a character.
    func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            out.append(character)
            used += size
        }
        return out
    }

    func trimEdges(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == "." || first == "-" || first == "_" { scalars.removeFirst() }
        while let last = scalars.last, last == "." || last == "_" { scalars.removeLast() }
        return String(scalars)
    }

    /// Windows device names, reserved in every folder whatever the extension.
    static let reservedNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for i in 0...9 { names.insert("com\(i)"); names.insert("lpt\(i)") }
        return names
    }()

    func avoidReserved(_ stem: String) -> String {
        let head = stem.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return Self.reservedNames.contains(head.lowercased()) ? stem + "_" : stem
    }
}
