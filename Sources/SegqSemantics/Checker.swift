import SegqSyntax

/// The outcome of checking: a typed query when there is no error, and
/// every diagnostic (the parser's first, then the checker's in source order).
public struct CheckResult: Sendable {
    /// nil when any diagnostic (parse or check) is an error.
    public var query: TypedQuery?
    public var diagnostics: [Diagnostic]

    public init(query: TypedQuery?, diagnostics: [Diagnostic]) {
        self.query = query
        self.diagnostics = diagnostics
    }
}

/// Types a parsed query against a schema (Grammar/README.md "Fields", "Tests by type", "Missing values and negation", "Time" and "Segments").
///
/// Contract: never fails and never traps; parts that failed to parse
/// (`.error` nodes and literals) are skipped silently (the parser already
/// reported them) while every other condition is still checked, so
/// independent errors are all reported. The walk keeps its own stack, so
/// neither nesting depth nor chain length can overflow the call stack.
/// Parentheses disappear; `and`/`or`/`not` keep their spans.
public struct Checker {
    public var schema: Schema
    public var catalog: ValueCatalog?
    /// Warn (W0102) when a value friends hold has spellings differing only
    /// in case or width that other friends hold (`VIP` beside `vip`), with
    /// each count. Off by default; the facade's `Compiler` turns it on for
    /// every query checked against a store's values.
    public var hintsNearDuplicateValues = false
    /// At most this many diagnostics in all (`Limits.maxDiagnostics`); the
    /// rest are summed up in one E0305.
    public var maxDiagnostics: Int

    public init(schema: Schema = .default, catalog: ValueCatalog? = nil,
                maxDiagnostics: Int = Limits.default.maxDiagnostics) {
        self.schema = schema
        self.catalog = catalog
        self.maxDiagnostics = maxDiagnostics
    }

    /// Parses `text` (named "query") and checks it: the parser's
    /// diagnostics come first, then the checker's.
    public func check(_ text: String, limits: Limits = .default) -> CheckResult {
        var checker = self
        checker.maxDiagnostics = limits.maxDiagnostics
        return checker.check(QueryParser.parse(text, limits: limits))
    }

    public func check(_ parsed: ParseResult) -> CheckResult {
        var diagnostics = parsed.diagnostics
        var conditions = ConditionChecker(resolver: FieldResolver(schema: schema),
                                          literals: LiteralTyper(source: parsed.source),
                                          knownValues: KnownValueChecks(schema: schema, catalog: catalog,
                                                                        hintsNearDuplicates: hintsNearDuplicateValues,
                                                                        mentioned: hintsNearDuplicateValues
                                                                            ? mentionedStrings(in: parsed.tree) : [:]))
        let parserCount = diagnostics.count
        let root = walk(parsed.tree) { conditions.check($0, into: &diagnostics) }
        let query = diagnostics.hasErrors ? nil : root.map(TypedQuery.init)
        if let query { UnlinkedNegationWarnings.diagnose(query.root, in: parsed.source, counts: catalog, into: &diagnostics) }
        Self.sortBySource(&diagnostics, from: parserCount)
        capDiagnostics(&diagnostics, from: parserCount)
        return CheckResult(query: query, diagnostics: diagnostics)
    }

    /// The strings each field is compared with by `=`, `!=`, `in`, `not in`
    /// anywhere in the query (a near-duplicate note is not given for
    /// spellings the query names already). Fields that do not resolve are skipped.
    private func mentionedStrings(in tree: Expr) -> [Field: Set<String>] {
        var resolver = FieldResolver(schema: schema)
        var out: [Field: Set<String>] = [:]
        var stack = [tree]
        while let expr = stack.popLast() {
            switch expr {
            case .or(let xs, _), .and(let xs, _): stack += xs
            case .not(let x, _), .parenthesized(let x, _): stack.append(x)
            case .error: continue
            case .condition(let c):
                let operands: [ValueSyntax]
                switch c.test {
                case .compare(let op, let v) where op == .equal || op == .notEqual: operands = [v]
                case .in(_, let vs): operands = vs
                default: continue
                }
                var ignored: [Diagnostic] = []
                guard let field = resolver.resolve(c.field, into: &ignored)?.field else { continue }
                for v in operands { if case .string(let s) = v.kind { out[field, default: []].insert(s) } }
            }
        }
        return out
    }

    /// Keeps the checker's diagnostics within `maxDiagnostics` in all. What
    /// is left out is summed up in one E0305 at the first omitted one: an
    /// error when an error was omitted, else a note (the query stands).
    /// When the parser already stopped (its own E0305), nothing is added.
    private func capDiagnostics(_ diagnostics: inout [Diagnostic], from start: Int) {
        let keep = max(start, maxDiagnostics)
        guard diagnostics.count > keep else { return }
        let omitted = diagnostics[keep...]
        let first = omitted[omitted.startIndex]
        let omittedError = omitted.contains { $0.severity == .error }
        let parserStopped = diagnostics[..<start].contains { $0.code == .tooManyDiagnostics }
        diagnostics.removeSubrange(keep...)
        guard !parserStopped else { return }
        let message = CheckerMessage.tooManyDiagnostics(limit: max(0, maxDiagnostics), omitted: omitted.count)
        diagnostics.append(Diagnostic(omittedError ? .error : .note, .tooManyDiagnostics, message,
                                      at: Span(offset: first.span.offset, length: 0),
                                      notes: [CheckerMessage.limitNote]))
    }

    /// Stable sort of the checker's own diagnostics by position (the
    /// parser's, before `start`, are already in order).
    private static func sortBySource(_ diagnostics: inout [Diagnostic], from start: Int) {
        guard start < diagnostics.count else { return }
        let sorted = diagnostics[start...].enumerated()
            .sorted { ($0.element.span.offset, $0.offset) < ($1.element.span.offset, $1.offset) }
            .map(\.element)
        diagnostics.replaceSubrange(start..., with: sorted)
    }

    private enum Step {
        case visit(Expr)
        case and(count: Int, Span)
        case or(count: Int, Span)
        case not(Span)
    }

    /// Post-order walk with an explicit stack: children are visited left to
    /// right (so diagnostics come in source order), then combined. A node
    /// with a failed child is nil.
    private func walk(_ tree: Expr, condition: (ConditionSyntax) -> QueryNode?) -> QueryNode? {
        var steps: [Step] = [.visit(tree)]
        var results: [QueryNode?] = []
        while let step = steps.popLast() {
            switch step {
            case .visit(let expr):
                switch expr {
                case .condition(let c): results.append(condition(c))
                case .error: results.append(nil)
                case .parenthesized(let inner, _): steps.append(.visit(inner))
                case .not(let inner, let span):
                    steps.append(.not(span))
                    steps.append(.visit(inner))
                case .and(let children, let span):
                    steps.append(.and(count: children.count, span))
                    for child in children.reversed() { steps.append(.visit(child)) }
                case .or(let children, let span):
                    steps.append(.or(count: children.count, span))
                    for child in children.reversed() { steps.append(.visit(child)) }
                }
            case .not(let span):
                let child = results.popLast() ?? nil
                results.append(child.map { QueryNode.not($0, span) })
            case .and(let count, let span):
                results.append(Self.combine(&results, count) { QueryNode.and($0, span) })
            case .or(let count, let span):
                results.append(Self.combine(&results, count) { QueryNode.or($0, span) })
            }
        }
        return results.last ?? nil
    }

    /// Pops `count` results; nil if any is nil.
    private static func combine(_ results: inout [QueryNode?], _ count: Int,
                                _ make: ([QueryNode]) -> QueryNode) -> QueryNode? {
        let start = max(0, results.count - count)
        let children = results[start...].compactMap { $0 }
        let complete = children.count == results.count - start
        results.removeSubrange(start...)
        return complete ? make(children) : nil
    }
}
