import SegqSyntax
import SegqSemantics
import SegqNormalForm

/// Everything the front end learned about one query: the phases' results
/// and every diagnostic, in source order.
///
/// Invariant: `normalForm` (and so `normalized` and `hash`) is present
/// exactly when no phase reported an error.
public struct Compilation: Sendable {
    public let source: SourceFile
    public let parsed: ParseResult
    /// Nil when the checker was not run (the text did not parse).
    public let typed: TypedQuery?
    public let normalForm: NormalForm?
    public let diagnostics: [Diagnostic]

    public init(source: SourceFile, parsed: ParseResult, typed: TypedQuery?, normalForm: NormalForm?,
                diagnostics: [Diagnostic]) {
        self.source = source
        self.parsed = parsed
        self.typed = typed
        self.normalForm = normalForm
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var ok: Bool { normalForm != nil && !hasErrors }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Canonical text of the normal form (a fixpoint of compile-then-print).
    public var normalized: String? { normalForm.map { QueryPrinter.text(of: $0) } }

    /// SHA-256 (hex) of the canonical text: what a person approves.
    public var hash: String? { normalized.map { ApprovalHash.hex($0) } }
}
