/// Where a query was read from in a script: diagnostics then name the
/// script and its line (`--> tour.segq:3:12`) instead of the query's own.
public struct QueryOrigin: Equatable, Sendable {
    /// The script's name: `stdin`, or the path `.read` was given.
    public var name: String
    /// The script line the query starts on (1-based).
    public var line: Int

    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}
