import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner

/// An agent's proposal, ready for a person: the compiled query, and with a
/// store its count and a sample of at most 10 friends. Its `json` is the
/// object of docs/json-output.md; what is approved is `compilation.hash`.
public struct Proposal {
    public let compilation: Compilation
    public let preview: Preview?
    public let json: JSONValue

    public static let sampleSize = 10

    /// Compiles `query` in `session` and, when it is valid and a store is
    /// open, previews it. The summary resolves times at the session's `now`.
    /// Evaluation errors (a broken saved segment) are added as diagnostics.
    public static func make(session: Session, query: String) throws -> Proposal {
        var compilation = session.compile(query)
        var preview: Preview?
        if compilation.ok, let form = compilation.normalForm, let store = session.store {
            do {
                preview = try store.runner().preview(form, context: session.context, limit: sampleSize)
            } catch {
                guard let diagnostics = queryDiagnostics(of: error) else { throw error }
                compilation = compilation.adding(diagnostics)
            }
        }
        let json = ProposalJSON.make(compilation, context: session.context, count: preview?.count,
                                     sample: preview?.friends.map { .init(id: $0.id, name: $0.name) })
        return Proposal(compilation: compilation, preview: preview, json: json)
    }
}

extension Compilation {
    /// The same compilation with more diagnostics; errors void the normal form.
    public func adding(_ more: [Diagnostic]) -> Compilation {
        let all = Compiler.ordered(diagnostics + more)
        let failed = all.contains { $0.severity == .error }
        return Compilation(source: source, parsed: parsed, typed: typed, normalForm: failed ? nil : normalForm,
                           diagnostics: all)
    }
}
