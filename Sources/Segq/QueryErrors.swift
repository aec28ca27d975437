import SegqSyntax
import SegqPlanner

/// The diagnostics an evaluation error carries when the fault is in the
/// query (an unknown or cyclic segment reference, a saved segment whose
/// query no longer checks); nil for store failures and cancellation.
public func queryDiagnostics(of error: Error) -> [Diagnostic]? {
    if let error = error as? SegmentQueryError { return error.diagnostics }
    if let error = error as? EvaluationError, let diagnostic = error.diagnostic { return [diagnostic] }
    return nil
}
