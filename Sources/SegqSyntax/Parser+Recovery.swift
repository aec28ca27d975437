/// Error recovery and the depth limit.
extension Parser {
    /// Skips to the next `and`, `or` or `)` outside the parentheses opened
    /// while skipping, or to the end. Returns the span skipped (zero-length
    /// at the cursor when nothing was). Iterative: safe on any nesting.
    mutating func skipToSynchronisingToken() -> Span {
        let start = current.span.offset
        var end = start
        var balance = 0
        scanning: while true {
            switch current.kind {
            case .endOfInput:
                break scanning
            case .keyword(.and), .keyword(.or):
                if balance == 0 { break scanning }
            case .rightParen:
                if balance == 0 { break scanning }
                balance -= 1
            case .leftParen:
                balance += 1
            default:
                break
            }
            end = advance().span.end
        }
        return Span(offset: start, length: max(0, end - start))
    }

    /// At a `(` or `not` that would nest deeper than `limits.maxDepth`:
    /// reports E0302 and skips the region that token opens without
    /// recursing (a run of `not`, then a balanced parenthesised region or
    /// one condition). 100,000 `(` cost one linear scan.
    mutating func skipTooDeepRegion() -> Expr {
        let first = current
        report(.nestingTooDeep, SyntaxMessage.nestingTooDeep(limit: limits.effectiveMaxDepth), at: first.span,
               notes: [SyntaxMessage.nestingNote])
        while at(.not) { advance() }
        if at(.leftParen) {
            var balance = 0
            repeat {
                if at(.leftParen) { balance += 1 } else if at(.rightParen) { balance -= 1 }
                advance()
            } while balance > 0 && !atEnd
            if balance > 0 { skippedToEndUnbalanced = true }
        } else if !isSynchronising(current) {
            _ = parseCondition()
        }
        let end = max(previousEnd, first.span.end)
        return .error(Span(offset: first.span.offset, length: end - first.span.offset))
    }
}
