/// Comparison whose duration does not depend on where two secrets differ (so timing leaks nothing).
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. The time depends only on the lengths, never on the contents:
    /// every byte is visited and the differences are OR-ed together instead of returning at the first one.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count) | (a.count == b.count ? 0 : 1)
        var right = b.makeIterator()
        for left in a {
            difference |= left ^ (right.next() ?? 0)
        }
        return difference == 0
    }
}
