import Foundation
import Geocoding

/// Writes `index.html`: every snapshot of the manifest as a thumbnail with its number, state and current place.
///
/// One self-contained page (inline CSS, no script, no network) with links relative to the output folder, so it
/// works straight from the disk or a copied folder. Every text from a trace is HTML-escaped and every link
/// percent-encoded (RFC 3986 §2.1), so a hostile carrier name or number cannot inject markup.
public enum ContactSheet {
    public static let fileName = "index.html"

    /// Writes the page for the manifest of `folder` (atomically), reading the manifest one entry at a time.
    static func write(into folder: OutputFolder, manifest: ManifestFile, english: Bool,
                      limits: ExportLimits) throws(ItemError)
    {
        var reader = manifest.reader(maxLineBytes: limits.maxLineBytes)
        defer { reader.close() }
        var html = Data(header(english: english).utf8)
        var ok = 0
        var failed = 0
        while let (entry, _) = reader.next() {
            if entry.status == .ok { ok += 1 } else { failed += 1 }
            html.append(Data(figure(entry, english: english).utf8))
        }
        html.append(Data(footer(ok: ok, failed: failed, english: english).utf8))
        try folder.writeAtomically(fileName, html)
    }

    static func header(english: Bool) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(english ? "en" : "zh-CN")"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(english ? "Route snapshots" : "路线快照")</title>
        <style>
        body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:16px;background:#f6f6f4;color:#222}
        main{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
        figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;overflow:hidden}
        figure img{display:block;width:100%;height:auto;background:#eee}
        figcaption{padding:6px 8px;font-size:13px;line-height:1.4}
        .state{font-weight:600}.place{color:#555}.error{border-color:#d33}.error figcaption{color:#a00}
        .links a{margin-right:6px;font-size:12px}
        </style></head><body>
        <h1>\(english ? "Route snapshots" : "路线快照")</h1>
        <main>

        """
    }

    static func footer(ok: Int, failed: Int, english: Bool) -> String {
        let counts = english ? "\(ok) snapshots, \(failed) failed" : "\(ok) 张快照，\(failed) 个失败"
        return "</main>\n<p>\(escape(counts))</p>\n</body></html>\n"
    }

    /// One card: the image (PNG first, then SVG) linking to itself, the caption and links to every format.
    static func figure(_ entry: ManifestEntry, english: Bool) -> String {
        let title = [entry.carrier, entry.number].compactMap { $0 }.joined(separator: " ")
        let heading = title.isEmpty ? entry.position.description : title
        guard entry.status == .ok else {
            return "<figure class=\"error\"><figcaption><b>\(escape(heading))</b><br>"
                + "\(escape(entry.position.description))<br>"
                + "\(escape(entry.errorCode ?? "")): \(escape(entry.errorMessage ?? ""))</figcaption></figure>\n"
        }
        let image = entry.outputs.first { $0.hasSuffix(".png") } ?? entry.outputs.first { $0.hasSuffix(".svg") }
        var html = "<figure>"
        if let image {
            let href = percentEncode(image)
            html += "<a href=\"\(href)\"><img src=\"\(href)\" loading=\"lazy\" alt=\"\(escape(heading))\"></a>"
        }
        let stateName = entry.state.flatMap(ShipmentState.init(rawValue:))
            .map { english ? $0.englishLabel : $0.chineseLabel } ?? entry.state ?? ""
        html += "<figcaption><b>\(escape(heading))</b><br><span class=\"state\">\(escape(stateName))</span>"
        if let place = entry.currentPlace { html += " · <span class=\"place\">\(escape(place))</span>" }
        if let progress = entry.progress { html += " · " + String(format: "%.0f%%", progress * 100) }
        html += "<br><span class=\"links\">"
        for output in entry.outputs {
            let ext = output.split(separator: ".").last.map(String.init) ?? output
            html += "<a href=\"\(percentEncode(output))\">\(escape(ext))</a>"
        }
        return html + "</span></figcaption></figure>\n"
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.properties.generalCategory == .control { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Percent-encodes a relative file name, keeping only RFC 3986 unreserved characters.
    public static func percentEncode(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

