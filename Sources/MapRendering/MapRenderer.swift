import Cairo
import Foundation
import Geocoding

/// Renders route maps to PNG, SVG or PDF. Knows nothing of HTTP or the command line.
///
/// ```swift
/// let renderer = MapRenderer(basemap: try .locate(), styles: try .locate())
/// let image = try renderer.render(scene: scene, options: RenderOptions(width: 800, height: 600))
/// // image.data, image.contentType
/// ```
/// Immutable and `Sendable`: one renderer serves concurrent requests (each render has its own Cairo objects).
public struct MapRenderer: Sendable {
    public let basemap: BaseMap
    public let styles: StyleLibrary
    public var limits: RenderLimits
    public var detail: MapDetail
    /// The PNG encoder settings (see README "Rendering" for the measured choice).
    public var pngEncoder: PNGEncoder
    /// Cities drawn for context, in the order they are tried (rank, then size); empty: none.
    public var places: [MapPlace] = []

    public init(basemap: BaseMap, styles: StyleLibrary, limits: RenderLimits = .default, detail: MapDetail = .default,
                pngEncoder: PNGEncoder = MapRenderer.defaultPNGEncoder)
    {
        self.basemap = basemap
        self.styles = styles
        self.limits = limits
        self.detail = detail
        self.pngEncoder = pngEncoder
    }

    /// An indexed PNG, quantised to 256 colours when the map has more (only antialiased edge pixels change),
    /// filter none, zlib level 3 with run-length matching (`Z_RLE`): a third of the size of true colour and no
    /// slower (README "Rendering" has the measurements).
    public static let defaultPNGEncoder = PNGEncoder(filter: .up, paletteFilter: .none, compressionLevel: 3,
                                                     strategy: .runLength, allowPalette: true, quantize: true)

    /// Time spent in each phase of one render, in milliseconds.
    public struct Timing: Sendable, Hashable {
        public var layoutMs: Double = 0
        public var drawMs: Double = 0
        public var encodeMs: Double = 0
        /// CPU time of the rendering thread for the whole render: unlike the wall-clock phases it does not count
        /// time spent waiting for a core on a busy machine.
        public var cpuMs: Double = 0
        /// CPU time of the drawing and encoding phases.
        public var drawCPUMs: Double = 0
        public var encodeCPUMs: Double = 0
        public var totalMs: Double { layoutMs + drawMs + encodeMs }
        public init() {}
    }

    /// Renders `scene` with `options`; throws `RenderError` for bad options or a failed drawing.
    public func render(scene: MapScene, options: RenderOptions) throws -> RenderedImage {
        var timing = Timing()
        return try render(scene: scene, options: options, timing: &timing)
    }

    /// As `render(scene:options:)`, recording the time of each phase (for `tracemap bench render`).
    public func render(scene: MapScene, options: RenderOptions, timing: inout Timing) throws -> RenderedImage {
        try limits.validate(options)
        let style = try styles.style(named: options.style)
        let scale = Double(options.scale)
        let W = options.width, H = options.height
        if options.format == .gif { return try renderGIF(scene: scene, options: options, style: style) }
        do {
            let cpuStart = MapRenderer.threadCPUNanoseconds()
            let start = DispatchTime.now().uptimeNanoseconds
            let surface: Surface
            switch options.format {
            case .png: surface = try ImageSurface(format: .rgb24, width: W * options.scale, height: H * options.scale)
            case .svg: surface = try SVGSurface(width: Double(W), height: Double(H))
            case .pdf: surface = try PDFSurface(width: Double(W), height: Double(H),
                                                creationDate: MapRenderer.pdfDate(scene.lastEventTime),
                                                title: scene.number.map { "TraceMap \($0)" } ?? "TraceMap")
            case .gif: preconditionFailure("GIF is rendered by renderGIF")
            }
            let cr = try Context(surface: surface)
            if options.format == .png { cr.scale(scale, scale) }
            let layout = self.layout(scene, style: style, options: options, measure: cr)
            let laidOut = DispatchTime.now().uptimeNanoseconds
            let cpuLaidOut = MapRenderer.threadCPUNanoseconds()
            var cpuDrawn = cpuLaidOut
            MapPainter(cr: cr, style: style, layout: layout, basemap: basemap).paint()
            try cr.checkStatus("draw map")
            var data: Data
            var drawn: UInt64
            switch surface {
            case let image as ImageSurface:
                try image.flush()
                drawn = DispatchTime.now().uptimeNanoseconds
                cpuDrawn = MapRenderer.threadCPUNanoseconds()
                data = try pngEncoder.encode(image)
            case let vector as VectorSurface:
                data = try vector.finish()
                drawn = DispatchTime.now().uptimeNanoseconds
                cpuDrawn = MapRenderer.threadCPUNanoseconds()
            default:
                preconditionFailure("unexpected surface type")
            }
            let overlay = MapOverlay(layout: layout)
            if options.format == .svg && options.animated {
                data = MapRenderer.animatedSVG(data, overlay: overlay, style: style)
            }
            let encoded = DispatchTime.now().uptimeNanoseconds
            let cpuEnd = MapRenderer.threadCPUNanoseconds()
            timing.cpuMs = Double(cpuEnd - cpuStart) / 1e6
            timing.drawCPUMs = Double(cpuDrawn - cpuLaidOut) / 1e6
            timing.encodeCPUMs = Double(cpuEnd - cpuDrawn) / 1e6
            timing.layoutMs = Double(laidOut - start) / 1e6
            timing.drawMs = Double(drawn - laidOut) / 1e6
            timing.encodeMs = Double(encoded - drawn) / 1e6
            let pixelScale = options.format == .png ? options.scale : 1
            return RenderedImage(data: data, contentType: options.format.contentType, pixelWidth: W * pixelScale,
                                 pixelHeight: H * pixelScale, overlay: overlay)
        } catch let error as CairoError {
            throw RenderError(.drawingFailed, error.description)
        }
    }

    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// The PDF creation date: the last event's time (UTC), so output depends only on the input.
    static func pdfDate(_ date: Date?) -> String {
        let seconds = Int((date ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                        from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The layout of `scene`, measuring text with `cr` (its text rendering and font set here); a font without CJK
    /// glyphs (fonts-wqy-microhei missing) would draw boxes, so the labels then fall back to English.
    func layout(_ scene: MapScene, style: Style, options: RenderOptions, measure cr: Context) -> MapLayout {
        cr.setMapTextRendering()
        cr.selectFont(family: style.fontFamily)
        cr.setFontSize(12)
        let language: RenderOptions.Language = options.language == .zh && !cr.hasGlyphs(for: "运输中已签收")
            ? .en : options.language
        return MapLayout(scene: scene, style: style, options: options, detail: detail, language: language,
                         basemap: basemap, places: places, measure: cr)
    }
}
