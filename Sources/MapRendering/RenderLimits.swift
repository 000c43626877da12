/// The bounds on what may be rendered, as named settings (the service may tighten them).
public struct RenderLimits: Sendable, Hashable {
    /// Largest width and height in CSS pixels, before the scale is applied.
    public var maxWidth: Int
    public var maxHeight: Int
    /// Smallest width and height: below this nothing readable fits.
    public var minSide: Int
    /// Allowed device-pixel ratios.
    public var scales: ClosedRange<Int>

    public init(maxWidth: Int = 2048, maxHeight: Int = 2048, minSide: Int = 64, scales: ClosedRange<Int> = 1...3) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.minSide = minSide
        self.scales = scales
    }

    public static let `default` = RenderLimits()

    /// Throws the matching `RenderError` when `options` are outside these limits.
    public func validate(_ options: RenderOptions) throws {
        guard options.width <= maxWidth, options.height <= maxHeight else {
            throw RenderError(.sizeTooLarge, "size \(options.width)x\(options.height) exceeds the maximum of " +
                "\(maxWidth)x\(maxHeight) (before scale)")
        }
        guard options.width >= minSide, options.height >= minSide else {
            throw RenderError(.invalidSize, "size \(options.width)x\(options.height) is below the minimum of " +
                "\(minSide)x\(minSide)")
        }
        guard scales.contains(options.scale) else {
            throw RenderError(.invalidScale, "scale \(options.scale) is not one of " +
                scales.map(String.init).joined(separator: ", "))
        }
    }
}
