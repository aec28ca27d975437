/// Where the REPL writes: standard output and standard error in the real
/// program, a recording in tests.
public enum ConsoleChannel: Equatable, Sendable {
    /// Results, help, listings (standard output).
    case output
    /// Errors, warnings, notices (standard error).
    case error
}

public protocol Console: AnyObject {
    /// Writes `text` as it is (no newline added). Implementations keep the
    /// order of writes across channels (flush one before writing the other).
    func write(_ text: String, to channel: ConsoleChannel)
}
