import SegqSyntax

/// Why a query could not be planned or evaluated. Errors about the query
/// itself (an unknown or cyclic segment reference, a saved segment whose
/// query no longer checks) carry a diagnostic; the others say what failed.
public enum EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A problem with the query, located at the condition that caused it.
    case diagnostic(Diagnostic)
    /// The caller's cancellation check asked to stop (the REPL's Ctrl-C).
    case cancelled
    /// The store failed to answer (an SQLite error, an unreadable file).
    case store(String)

    public var description: String {
        switch self {
        case .diagnostic(let d): return "error[\(d.code.rawValue)]: \(d.message)"
        case .cancelled: return "evaluation cancelled"
        case .store(let message): return "store error: \(message)"
        }
    }

    /// The diagnostic, for callers that render errors with the query text.
    public var diagnostic: Diagnostic? {
        if case .diagnostic(let d) = self { return d }
        return nil
    }
}
