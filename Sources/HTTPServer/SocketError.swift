import Glibc

/// A failed socket call: which call, on what, and `errno`'s text.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var context: String
    public var errno: Int32

    init(_ call: String, _ context: String, errno: Int32 = Glibc.errno) {
        self.call = call
        self.context = context
        self.errno = errno
    }

    public var description: String {
        "\(call) failed for \(context): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
