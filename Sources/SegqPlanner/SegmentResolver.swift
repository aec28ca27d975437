import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore

/// How the physical resolver turns a `segment` condition into an expression.
public protocol SegmentMembership {
    /// Every saved segment's name (for `segment contains …` and `is empty`).
    func segmentNames() throws -> [String]
    /// The friends who belong to the saved segment `name`, as an expression
    /// over the same store; `span` locates the referring condition for errors.
    func expression(forSegment name: String, referencedAt span: Span?) throws -> PhysicalExpr
}

/// A dynamic segment's query failed to compile (parse, check, normalise).
public struct SegmentQueryError: Error, Hashable, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

/// Resolves references to saved segments (Grammar/README.md "Segments") for one
/// evaluation context. A static segment is its stored member list
/// (`.members`); a dynamic one is its canonical query compiled and resolved
/// at the same `now`, recursively, and inlined as an expression (equivalent
/// to its member list, and lets SQLite push the whole query down).
///
/// Errors are diagnostics located at the condition of the query being run
/// that led to them: a reference cycle names the chain (`A → B → A`), an
/// unknown name suggests the nearest existing one.
public final class SegmentResolver: SegmentMembership {
    /// Compiles a dynamic segment's query text to its normal form against
    /// the store's schema; throws `SegmentQueryError` when it has errors.
    public typealias Compiler = (_ query: String, _ segment: SegmentDefinition) throws -> NormalForm

    private let source: SavedSegmentSource?
    private let context: EvaluationContext
    private let compile: Compiler
    private var resolved: [String: PhysicalExpr] = [:]
    /// Dynamic segments being resolved, outermost first.
    private var chain: [String] = []
    /// The span of the outermost reference, where every error is reported.
    private var rootSpan: Span?
    private var names: [String]?
    /// The expression each dynamic segment was inlined as, with its name
    /// (the first name when two segments resolve alike), for `explain`.
    public private(set) var dynamicSegments: [PhysicalExpr: String] = [:]

    public init(source: SavedSegmentSource?, context: EvaluationContext, compile: @escaping Compiler) {
        self.source = source
        self.context = context
        self.compile = compile
    }

    public func segmentNames() throws -> [String] {
        if let names { return names }
        let list: [String]
        do { list = try source?.savedSegmentNames() ?? [] } catch { throw storeError(error) }
        names = list
        return list
    }

    public func expression(forSegment name: String, referencedAt span: Span?) throws -> PhysicalExpr {
        if chain.isEmpty { rootSpan = span }
        if let start = chain.firstIndex(of: name) {
            let cycle = (chain[start...] + [name]).joined(separator: " → ")
            throw fail(.segmentCycle, "segment reference cycle: \(cycle)")
        }
        if let done = resolved[name] { return done }
        let found: SegmentDefinition?
        do { found = try source?.segmentDefinition(named: name) } catch { throw storeError(error) }
        guard let segment = found else {
            var message = "unknown segment `\(name)`"
            if let referrer = chain.last { message += " (referenced by saved segment `\(referrer)`)" }
            let suggestion = NearestName.nearest(to: name, in: try segmentNames()).map {
                Suggestion(message: "did you mean `\($0)`?", replacement: nil)
            }
            throw fail(.unknownSegment, message, suggestion: suggestion)
        }
        let expr: PhysicalExpr
        switch segment.kind {
        case .static(let ids):
            expr = .members(name: name, ids: ids)
        case .dynamic(let query):
            chain.append(name)
            defer { chain.removeLast() }
            let form: NormalForm
            do {
                form = try compile(query, segment)
            } catch let error as SegmentQueryError {
                let first = error.diagnostics.first { $0.severity == .error }
                throw fail(first?.code ?? .unknownSegment,
                           "saved segment `\(name)` cannot be evaluated: \(first?.message ?? "its query has errors")")
            } catch let error as EvaluationError {
                throw error
            } catch {
                throw fail(.unknownSegment, "saved segment `\(name)` cannot be evaluated: \(error)")
            }
            expr = try PhysicalResolver(context: context, segments: self).expression(for: form)
            if dynamicSegments[expr] == nil { dynamicSegments[expr] = name }
        }
        resolved[name] = expr
        return expr
    }

    private func fail(_ code: DiagnosticCode, _ message: String, suggestion: Suggestion? = nil) -> EvaluationError {
        .diagnostic(.error(code, message, at: rootSpan ?? Span(offset: 0, length: 0), suggestion: suggestion))
    }

    private func storeError(_ error: Error) -> EvaluationError {
        (error as? EvaluationError) ?? .store("cannot read saved segments: \(error)")
    }
}
