import Export
import Foundation

/// The gallery's `index.html`: one row per scenario, its variants side by side with captions and problems.
///
/// Self-contained like export's contact sheet (inline CSS, relative links, every trace text escaped).
enum GallerySheet {
    static let fileName = "index.html"

    static func html(_ results: [GalleryResult]) -> String {
        let e = ContactSheet.escape, u = ContactSheet.percentEncode
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>TraceMap gallery</title>
        <style>
        body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:16px;background:#f6f6f4;color:#222}
        section{margin-bottom:24px}h2{font-size:16px;margin:8px 0}
        .row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
        figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;overflow:hidden}
        figure img{display:block;background:#eee}figcaption{padding:4px 8px;font-size:12px;max-width:400px}
        .bad{border-color:#d33}.bad figcaption,.error{color:#a00}
        </style></head><body>
        <h1>TraceMap gallery</h1>

        """
        for result in results {
            html += "<section><h2>\(e(result.name)) · \(e(result.title)) · \(e(result.state))"
            if let place = result.place { html += " · \(e(place))" }
            html += "</h2>\n"
            if let error = result.error { html += "<p class=\"error\">\(e(error))</p>\n" }
            html += "<div class=\"row\">\n"
            for image in result.images {
                let v = image.variant
                // Shown at CSS size, so a 2x image is as large as its 1x sibling but sharper.
                html += "<figure\(image.problems.isEmpty ? "" : " class=\"bad\"")><a href=\"\(u(image.png))\">"
                    + "<img src=\"\(u(image.png))\" width=\"\(v.width)\" height=\"\(v.height)\" loading=\"lazy\" "
                    + "alt=\"\(e(result.name)) \(e(v.label))\"></a><figcaption>\(e(v.label)) · "
                    + "<a href=\"\(u(image.scene))\">scene</a>"
                for problem in image.problems { html += "<br>\(e(problem))" }
                html += "</figcaption></figure>\n"
            }
            html += "</div></section>\n"
        }
        let failed = results.filter(\.failed).count
        html += "<p>\(results.count) scenarios, \(failed) with problems</p>\n</body></html>\n"
        return html
    }
}
