import Foundation
import HTTPServer
import MapRendering

/// `GET /`: example maps from the bundled sample traces (`geodata/samples/*.json`) and a form that renders a pasted
/// trace through `POST /v1/render`.
///
/// The samples are stored as maps at start-up (content-addressed, so restarts add nothing); when a signing key is
/// configured the page's image URLs are signed by the server on every request, so they always work.
public struct HomePage: Sendable {
    /// One example on the page: a stored map and its caption.
    public struct Example: Sendable, Equatable {
        public var title: String
        public var id: String
    }

    public let examples: [Example]
    public let styles: [String]
    /// The options the examples are stored with.
    public static let exampleOptions = RenderOptions(width: 480, height: 360)

    public init(examples: [Example], styles: [String]) {
        self.examples = examples
        self.styles = styles
    }

    /// Stores every `*.json` trace in `directory` as a map; a sample that does not parse is reported through `warn`
    /// and left out. A missing directory gives a page without examples.
    public static func load(samplesDirectory directory: String, maps: MapService,
                            warn: (String) -> Void = { _ in }) -> HomePage {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var examples: [Example] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            do {
                guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadUnknown) }
                let id = try maps.storeMap(trace: data, options: exampleOptions)
                examples.append(Example(title: String(file.dropLast(5)), id: id))
            } catch {
                warn("sample \(path) left out: \(error)")
            }
        }
        return HomePage(examples: examples, styles: maps.engine.renderer.styles.names)
    }

    /// The page, with example URLs signed by `signer` (valid for `lifetime` seconds from `now`) when given.
    public func response(signer: URLSigner?, lifetime: Int, now: Int) -> HTTPResponse {
        var response = HTTPResponse.text(html(signer: signer, expires: now + lifetime),
                                         contentType: "text/html; charset=utf-8")
        response.headers.set("Cache-Control", signer == nil ? "public, max-age=60" : "no-cache")
        return response
    }

    func html(signer: URLSigner?, expires: Int) -> String {
        let figures = examples.map { example -> String in
            let path = "/v1/maps/\(example.id).png"
            let url = signer?.sign(path, expires: expires) ?? path
            return """
              <figure><a href="\(Self.escape(url))"><img src="\(Self.escape(url))" width="480" height="360" \
            alt="\(Self.escape(example.title))" loading="lazy"></a><figcaption>\(Self.escape(example.title))</figcaption></figure>
            """
        }.joined(separator: "\n")
        let styleOptions = styles.map { "<option>\(Self.escape($0))</option>" }.joined()
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>TraceMap</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1040px;padding:0 1em;color:#222}
        .examples{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}img{border:1px solid #ccc;max-width:100%;height:auto}
        figcaption{font-size:13px;color:#555}textarea{width:100%;height:14em;font:13px monospace}
        #error{color:#b00020;white-space:pre-wrap}
        </style></head><body>
        <h1>TraceMap</h1>
        <p>Route maps for parcel traces (Kdniao, Kuaidi100 or TraceMap's native JSON), drawn offline.</p>
        <h2>Examples</h2>
        <div class="examples">
        \(figures.isEmpty ? "<p>No sample traces are installed (geodata/samples).</p>" : figures)
        </div>
        <h2>Render a trace</h2>
        <form id="form">
        <textarea id="trace" placeholder="Paste a Kdniao or Kuaidi100 response, a push, or a native trace"></textarea>
        <p>Size <input id="size" value="800x600" size="9"> Style <select id="style">\(styleOptions)</select>
        Language <select id="lang"><option>zh</option><option>en</option></select>
        <button type="submit">Render</button></p>
        </form>
        <p id="error"></p>
        <img id="result" alt="">
        <script>
        document.getElementById('form').addEventListener('submit', async (event) => {
          event.preventDefault();
          const q = new URLSearchParams({size: size.value, style: style.value, lang: lang.value, format: 'png'});
          error.textContent = '';
          const r = await fetch('/v1/render?' + q, {method: 'POST', body: trace.value,
                                                    headers: {'Content-Type': 'application/json'}});
          if (r.ok) { result.src = URL.createObjectURL(await r.blob()); return; }
          result.removeAttribute('src');
          const p = await r.json().catch(() => ({}));
          error.textContent = (p.code || r.status) + ': ' + (p.detail || r.statusText);
        });
        </script>
        </body></html>

        """
    }

    /// `text` safe inside HTML text and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
