import CCairo

/// A Cairo drawing context on a surface it keeps alive (`let surface`).
///
/// Drawing calls follow Cairo's sticky-error model: they do not throw one by one; `checkStatus` (called by the
/// code that finishes a drawing) throws the first error Cairo recorded, with the operation it was given.
public final class Context {
    /// The surface drawn on; held so it outlives the context.
    public let surface: Surface
    let pointer: OpaquePointer

    /// Creates a context on `surface`; throws if the surface is in an error state.
    public init(surface: Surface) throws {
        try surface.checkStatus("create context on a failed surface")
        let pointer = cairo_create(surface.pointer)!
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(pointer)
            throw CairoError(status: status, operation: "create context")
        }
        self.surface = surface
        self.pointer = pointer
    }

    deinit { cairo_destroy(pointer) }

    /// Throws the context's sticky error, if any, naming `operation`.
    public func checkStatus(_ operation: @autoclosure () -> String) throws {
        try CairoError.check(cairo_status(pointer), operation())
    }

    // MARK: State

    /// Runs `body` between `cairo_save` and `cairo_restore` (mapnik's `cairo_save_restore` guard).
    public func withSavedState<T>(_ body: () throws -> T) rethrows -> T {
        cairo_save(pointer)
        defer { cairo_restore(pointer) }
        return try body()
    }

    public func translate(_ x: Double, _ y: Double) { cairo_translate(pointer, x, y) }
    public func scale(_ sx: Double, _ sy: Double) { cairo_scale(pointer, sx, sy) }

    public func setSource(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        cairo_set_source_rgba(pointer, red, green, blue, alpha)
    }

    /// Paints from `surface` with its origin at (`x`, `y`) in user space (`cairo_set_source_surface`).
    public func setSource(_ surface: Surface, x: Double = 0, y: Double = 0) {
        cairo_set_source_surface(pointer, surface.pointer, x, y)
    }

    public func setLineWidth(_ width: Double) { cairo_set_line_width(pointer, width) }

    /// Sets a dash pattern (lengths in user units); an empty pattern draws solid lines.
    public func setDash(_ pattern: [Double], offset: Double = 0) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), offset) }
    }

    public enum LineCap: Sendable { case butt, round, square }
    public enum LineJoin: Sendable { case miter, round, bevel }

    public func setLineCap(_ cap: LineCap) {
        cairo_set_line_cap(pointer, cap == .butt ? CAIRO_LINE_CAP_BUTT : cap == .round ? CAIRO_LINE_CAP_ROUND
            : CAIRO_LINE_CAP_SQUARE)
    }

    public func setLineJoin(_ join: LineJoin) {
        cairo_set_line_join(pointer, join == .miter ? CAIRO_LINE_JOIN_MITER : join == .round ? CAIRO_LINE_JOIN_ROUND
            : CAIRO_LINE_JOIN_BEVEL)
    }

    /// Even-odd filling, for polygons whose holes are separate rings.
    public func setFillRuleEvenOdd(_ evenOdd: Bool) {
        cairo_set_fill_rule(pointer, evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
    }

    /// Curve flattening tolerance in device pixels (Cairo's default is 0.1).
    public func setTolerance(_ tolerance: Double) { cairo_set_tolerance(pointer, tolerance) }

    /// Turns antialiasing off (`false`) for pixel-aligned shapes, or back to the default.
    public func setAntialias(_ on: Bool) {
        cairo_set_antialias(pointer, on ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE)
    }

    /// Cairo's faster, coarser antialiasing (fewer coverage samples), for large fills where edges matter less.
    public func setFastAntialias() { cairo_set_antialias(pointer, CAIRO_ANTIALIAS_FAST) }

    // MARK: Paths

    public func newPath() { cairo_new_path(pointer) }
    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }
    public func closePath() { cairo_close_path(pointer) }
    public func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        cairo_rectangle(pointer, x, y, width, height)
    }

    /// A full circle as a new sub-path.
    public func circle(_ x: Double, _ y: Double, radius: Double) {
        cairo_new_sub_path(pointer)
        cairo_arc(pointer, x, y, radius, 0, 2 * .pi)
    }

    /// A rectangle with rounded corners as a new sub-path.
    public func roundedRectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double, radius: Double) {
        let r = min(radius, width / 2, height / 2)
        cairo_new_sub_path(pointer)
        cairo_arc(pointer, x + width - r, y + r, r, -.pi / 2, 0)
        cairo_arc(pointer, x + width - r, y + height - r, r, 0, .pi / 2)
        cairo_arc(pointer, x + r, y + height - r, r, .pi / 2, .pi)
        cairo_arc(pointer, x + r, y + r, r, .pi, 1.5 * .pi)
        cairo_close_path(pointer)
    }

    /// An arc from `start` to `end` (radians, increasing angles turn from +x towards +y), joined to the path.
    public func arc(_ x: Double, _ y: Double, radius: Double, from start: Double, to end: Double) {
        cairo_arc(pointer, x, y, radius, start, end)
    }

    public func fill() { cairo_fill(pointer) }
    public func fillPreserve() { cairo_fill_preserve(pointer) }
    public func stroke() { cairo_stroke(pointer) }
    public func strokePreserve() { cairo_stroke_preserve(pointer) }
    public func paint() { cairo_paint(pointer) }
    public func clip() { cairo_clip(pointer) }

    // MARK: Text (Cairo's toy font API, resolved through fontconfig)

    public func selectFont(family: String, bold: Bool = false) {
        // A face shared by all contexts (FontFaceCache): fontconfig resolves each family once per process.
        if let face = FontFaceCache.shared.face(family: family, bold: bold) {
            cairo_set_font_face(pointer, face)
            selectedFont = (bold ? "b:" : "r:") + family
        } else {
            cairo_select_font_face(pointer, family, CAIRO_FONT_SLANT_NORMAL,
                                   bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            selectedFont = nil
        }
    }

    /// The cache key of the face `selectFont` set, when it came from `FontFaceCache`.
    private var selectedFont: String?

    public func setFontSize(_ size: Double) { cairo_set_font_size(pointer, size) }

    /// Text rendering for maps: greyscale antialiasing, slight hinting, and unhinted metrics so text measures the
    /// same at every device scale (a @2x map has the same layout as the @1x one).
    public func setMapTextRendering() {
        guard let options = cairo_font_options_create() else { return }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(pointer, options)
    }

    /// The ink and advance metrics of `text` in the current font.
    public struct TextExtents: Sendable {
        public var xBearing, yBearing, width, height, xAdvance, yAdvance: Double
    }

    public func textExtents(_ text: String) -> TextExtents {
        var e = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &e)
        return TextExtents(xBearing: e.x_bearing, yBearing: e.y_bearing, width: e.width, height: e.height,
                           xAdvance: e.x_advance, yAdvance: e.y_advance)
    }

    /// Ascent and descent of the current font.
    public func fontExtents() -> (ascent: Double, descent: Double, height: Double) {
        var e = cairo_font_extents_t()
        cairo_font_extents(pointer, &e)
        return (e.ascent, e.descent, e.height)
    }

    /// Whether the current font has a glyph for every character of `text` (none maps to glyph 0, ".notdef").
    public func hasGlyphs(for text: String) -> Bool {
        // Glyph coverage depends on the face alone, not on size or context: remembered per face and text.
        if let face = selectedFont { return FontFaceCache.shared.coverage(face + "\u{0}" + text) { glyphsPresent(text) } }
        return glyphsPresent(text)
    }

    private func glyphsPresent(_ text: String) -> Bool {
        guard let font = cairo_get_scaled_font(pointer) else { return false }
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
        var count: Int32 = 0
        let status = cairo_scaled_font_text_to_glyphs(font, 0, 0, text, -1, &glyphs, &count, nil, nil, nil)
        defer { if let glyphs { cairo_glyph_free(glyphs) } }
        guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return false }
        for index in 0..<Int(count) where glyphs[index].index == 0 { return false }
        return true
    }

    /// Draws `text` with its baseline origin at the current point.
    public func showText(_ text: String) { cairo_show_text(pointer, text) }

    /// Adds `text`'s outline to the path (for halos: stroke the path, then fill the text).
    public func textPath(_ text: String) { cairo_text_path(pointer, text) }
}

@available(*, unavailable) extension Context: Sendable {}
