import Glibc
import SegqREPLCore

/// Ctrl-C while a query runs: SIGINT sets the session's cancellation flag,
/// which the engine polls. (While a line is being edited the terminal's
/// `isig` is off and Ctrl-C is a key handled by `LineEditor`.)
enum Interrupts {
    /// The flag the REPL session hands to the engine.
    static let cancellation = CancellationFlag()

    private nonisolated(unsafe) static var previous: sighandler_t?

    /// Routes SIGINT to `cancellation` instead of ending the process.
    static func install() {
        previous = signal(SIGINT) { _ in Interrupts.cancellation.cancel() }
    }

    /// Puts back the handler that was there before `install`.
    static func restore() {
        if let previous { signal(SIGINT, previous) }
        previous = nil
    }
}
