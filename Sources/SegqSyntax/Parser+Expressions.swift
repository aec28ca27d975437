/// The boolean structure: `or`, `and`, `not`, parentheses.
extension Parser {
    /// query = or_expr EOF
    mutating func parseQuery() -> Expr {
        if atEnd {
            report(.emptyQuery, SyntaxMessage.emptyQuery, at: Span(offset: 0, length: 0), notes: [SyntaxMessage.emptyQueryNote])
            return .error(Span(offset: 0, length: 0))
        }
        let tree = parseOrExpr()
        // `parseOrExpr` returns at the top level only at the end; stay total regardless.
        while !atEnd {
            let start = index
            report(.unexpectedToken, SyntaxMessage.expectedConnective(found: describe(current), insideParentheses: false),
                   at: current.span)
            _ = skipToSynchronisingToken()
            if at(.rightParen) { advance() }
            ensureProgress(since: start)
        }
        return tree
    }

    /// or_expr = and_expr { "or" and_expr }
    ///
    /// A chain becomes one n-ary `.or`. Mixing in an unparenthesised `and`
    /// chain is legal but gets W0001 (see `warnIfMixed`).
    mutating func parseOrExpr() -> Expr {
        var operands = [parseAndExpr()]
        var orTokens: [Token] = []
        while let or = consume(.or) {
            orTokens.append(or)
            operands.append(parseAndExpr())
        }
        guard operands.count > 1, let first = operands.first, let last = operands.last else { return operands[0] }
        let span = first.span.union(last.span)
        warnIfMixed(operands, orTokens: orTokens, span: span)
        return .or(operands, span)
    }

    /// and_expr = unary { "and" unary }
    ///
    /// Also where a condition that is followed by something other than
    /// `and`, `or`, `)` or the end is reported (E0010), and where a stray `)`
    /// is reported (E0012); both recover and continue the chain.
    mutating func parseAndExpr() -> Expr {
        var operands = [parseUnary()]
        while true {
            let start = index
            if let and = consume(.and) {
                _ = and
                operands.append(parseUnary())
                continue
            }
            if at(.or) || atEnd { break }
            if at(.rightParen) {
                if openParentheses > 0 { break }
                reportStrayClosingParenthesis()
                continue
            }
            if current.kind != .invalid {
                report(.unexpectedToken,
                       SyntaxMessage.expectedConnective(found: describe(current), insideParentheses: openParentheses > 0),
                       at: current.span)
            }
            _ = skipToSynchronisingToken()
            ensureProgress(since: start)
        }
        guard operands.count > 1, let first = operands.first, let last = operands.last else { return operands[0] }
        return .and(operands, first.span.union(last.span))
    }

    /// unary = "not" unary | primary
    mutating func parseUnary() -> Expr {
        guard at(.not) else { return parsePrimary() }
        if depth >= limits.effectiveMaxDepth { return skipTooDeepRegion() }
        let not = advance()
        depth += 1
        let operand = parseUnary()
        depth -= 1
        return .not(operand, not.span.union(operand.span))
    }

    /// primary = "(" or_expr ")" | condition
    mutating func parsePrimary() -> Expr {
        while at(.rightParen), openParentheses == 0 { reportStrayClosingParenthesis() }
        guard at(.leftParen) else { return parseCondition() }
        if depth >= limits.effectiveMaxDepth { return skipTooDeepRegion() }
        let open = advance()
        depth += 1
        openParentheses += 1
        let inner = parseOrExpr()
        depth -= 1
        openParentheses -= 1
        if at(.rightParen) {
            let close = advance()
            return .parenthesized(inner, open.span.union(close.span))
        }
        // Only the end of the input stops an inner `or_expr` short of `)`.
        let end = previousEnd
        if !skippedToEndUnbalanced {
            endedEarly = true
            report(.unclosedParenthesis, SyntaxMessage.unclosedParenthesis, at: open.span,
                   suggestion: Suggestion(message: "add `)` at the end", replacement: ")",
                                          span: Span(offset: end, length: 0)))
        }
        return .parenthesized(inner, Span(offset: open.span.offset, length: max(0, end - open.span.offset)))
    }

    /// E0012 for the `)` at the cursor, which closes nothing; consumes it.
    mutating func reportStrayClosingParenthesis() {
        let close = advance()
        report(.unmatchedClosingParenthesis, SyntaxMessage.unmatchedClosingParenthesis, at: close.span,
               suggestion: Suggestion(message: "remove it, or add the `(` it should close", replacement: ""))
    }

    /// The longest chain whose W0001 fix quotes the whole chain text.
    static let maxQuotedFixBytes = 4096

    /// W0001 when an `or` chain has an unparenthesised `and` chain as an
    /// operand (`a and b or c`). Points at the first `or` next to such an
    /// operand; the fix is the whole chain with that grouping made explicit.
    mutating func warnIfMixed(_ operands: [Expr], orTokens: [Token], span: Span) {
        guard let mixedIndex = operands.firstIndex(where: { if case .and = $0 { return true } else { return false } })
        else { return }
        let orToken = orTokens[min(mixedIndex, orTokens.count - 1)]
        var insertions: [(offset: Int, text: String)] = []
        for operand in operands {
            if case .and(_, let s) = operand {
                insertions.append((s.offset, "("))
                insertions.append((s.end, ")"))
            }
        }
        // Nested chains each quote their own text: bound it, so pathological
        // nesting costs no more than linear time (the advice stays).
        let replacement = span.length <= Self.maxQuotedFixBytes ? source.text(of: span, inserting: insertions) : nil
        diagnostics.append(.warning(.mixedAndOr, SyntaxMessage.mixedAndOr, at: orToken.span,
                                    suggestion: Suggestion(message: SyntaxMessage.mixedAndOrFix,
                                                           replacement: replacement, span: replacement.map { _ in span })))
    }
}

extension SourceFile {
    /// The text of `span` with strings inserted at absolute offsets (ascending, within the span).
    func text(of span: Span, inserting insertions: [(offset: Int, text: String)]) -> String {
        var out = ""
        var cursor = span.offset
        for insertion in insertions where insertion.offset >= cursor && insertion.offset <= span.end {
            out += text(of: Span(offset: cursor, length: insertion.offset - cursor))
            out += insertion.text
            cursor = insertion.offset
        }
        return out + text(of: Span(offset: cursor, length: max(0, span.end - cursor)))
    }
}
