import CCairo
import Foundation

/// The toy font faces (family, weight) every context shares, created once per process.
///
/// Cairo frees a toy face with its last context, and resolving a new one asks fontconfig again (pattern
/// substitution, font matching) and drops the scaled fonts and glyph caches built on it: about 4.5 M instructions
/// per 800×600 map. Holding one reference per (family, weight) keeps the resolved face, its scaled fonts and their
/// glyphs for the next render. The set is bounded by the fonts the styles name.
final class FontFaceCache: @unchecked Sendable {
    // @unchecked Sendable: `faces` is only read and written under `lock`; the cairo_font_face_t pointers are
    // reference-counted objects Cairo allows to be used from any thread.
    static let shared = FontFaceCache()

    private let lock = NSLock()
    private var faces: [String: OpaquePointer] = [:]

    /// The face for `family` in normal or bold weight (never released: it lives as long as the process).
    func face(family: String, bold: Bool) -> OpaquePointer? {
        let key = (bold ? "b:" : "r:") + family
        lock.lock()
        defer { lock.unlock() }
        if let face = faces[key] { return face }
        guard let face = cairo_toy_font_face_create(family, CAIRO_FONT_SLANT_NORMAL,
                                                    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL),
              cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS
        else { return nil }
        faces[key] = face
        return face
    }

    /// Remembered answers of `Context.hasGlyphs` per (family, weight, text): the fonts installed do not change
    /// while the process runs.
    private var coverage: [String: Bool] = [:]

    func coverage(_ key: String, compute: () -> Bool) -> Bool {
        lock.lock()
        if let known = coverage[key] { lock.unlock(); return known }
        lock.unlock()
        let value = compute()
        lock.lock()
        coverage[key] = value
        lock.unlock()
        return value
    }
}
