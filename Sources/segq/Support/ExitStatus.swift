/// The exit statuses of docs/exit-status.md.
enum ExitStatus {
    static let success: Int32 = 0
    /// The query or the data has errors.
    static let queryError: Int32 = 1
    /// The command line is wrong.
    static let usage: Int32 = 2
    /// The store cannot be read or written.
    static let store: Int32 = 3
}

/// Thrown after a command has printed its own explanation, to end the
/// process with `status`.
struct SegqExit: Error {
    let status: Int32
    static let queryError = SegqExit(status: ExitStatus.queryError)
    static let usage = SegqExit(status: ExitStatus.usage)
    static let store = SegqExit(status: ExitStatus.store)
}
