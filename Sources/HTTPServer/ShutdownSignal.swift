import Dispatch
import Glibc
import Synchronization

/// Waits for the signals that ask a server to stop (SIGTERM from a supervisor, SIGINT from Ctrl-C).
public enum ShutdownSignal {
    /// Blocks the calling thread until one of `signals` arrives and returns its number.
    ///
    /// The default action (terminate) is replaced by a Dispatch signal source, so the caller can shut down
    /// gracefully and exit 0.
    public static func wait(for signals: [Int32] = [SIGTERM, SIGINT]) -> Int32 {
        let received = Received()
        let semaphore = DispatchSemaphore(value: 0)
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                received.number.store(number, ordering: .releasing)
                semaphore.signal()
            }
            source.resume()
            return source
        }
        semaphore.wait()
        sources.forEach { $0.cancel() }
        return received.number.load(ordering: .acquiring)
    }

    private final class Received: Sendable {
        let number = Atomic<Int32>(0)
    }
}
