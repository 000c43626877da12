/// What the gallery made of one scenario: its images and the problems its scene descriptions show.
struct GalleryResult: Sendable {
    /// One rendered variant: the PNG's and the scene JSON's file names, and what is wrong with its layout.
    struct Image: Sendable {
        var variant: GalleryVariant
        var png: String
        var scene: String
        var problems: [String]
    }

    var name: String
    var title: String
    var state: String
    var place: String?
    var images: [Image] = []
    /// Set when the trace could not be read, geocoded or rendered at all.
    var error: String?

    var problems: [String] { images.flatMap { image in image.problems.map { "\(image.variant.label): \($0)" } } }
    var failed: Bool { error != nil || !problems.isEmpty }
}
