import SegqBasics

/// Values (literals).
extension Parser {
    /// value = string | integer | decimal | date | instant | relative | period
    ///       | "true" | "false" | "today" | "yesterday" | "now"
    ///
    /// Never fails: a missing or wrong value is reported (E0013) and becomes
    /// an `.error` value. The bad text is consumed, except a token that ends
    /// a condition or list (`and`, `or`, `)`, `,`, the end), which is left
    /// for the caller. `after` names the token before, for the message.
    mutating func parseValue(after: Token) -> ValueSyntax {
        let token = current
        switch token.kind {
        case .string(let s): advance(); return ValueSyntax(.string(s), token.span)
        case .integer(let i): advance(); return ValueSyntax(.integer(i), token.span)
        case .number(let d): advance(); return ValueSyntax(.number(d), token.span)
        case .date(let d): advance(); return ValueSyntax(.date(d), token.span)
        case .instant(let i): advance(); return ValueSyntax(.instant(i), token.span)
        case .relative(let r): advance(); return ValueSyntax(.relative(r), token.span)
        case .period(let p): advance(); return ValueSyntax(.period(p), token.span)
        case .keyword(.this), .keyword(.last): return parseRelativePeriod()
        case .keyword(.true): advance(); return ValueSyntax(.bool(true), token.span)
        case .keyword(.false): advance(); return ValueSyntax(.bool(false), token.span)
        case .keyword(.today): advance(); return ValueSyntax(.today, token.span)
        case .keyword(.yesterday): advance(); return ValueSyntax(.yesterday, token.span)
        case .keyword(.now): advance(); return ValueSyntax(.now, token.span)
        case .invalid:
            advance()
            return ValueSyntax(.error, token.span)
        case .identifier:
            return parseNameAsValue(after: after)
        case .quotedIdentifier(let name):
            advance()
            report(.expectedValue, SyntaxMessage.expectedValue(after: quoted(after), found: describe(token)), at: token.span,
                   suggestion: Suggestion(message: "backticks quote names; write text in double quotes",
                                          replacement: QuotedText.query(name)))
            return ValueSyntax(.error, token.span)
        case .keyword(.and), .keyword(.or), .rightParen, .comma, .endOfInput:
            // The missing value is the gap before the token, which is left for the caller.
            report(.expectedValue, SyntaxMessage.expectedValue(after: quoted(after), found: describe(token)),
                   at: foundSpan(token))
            return ValueSyntax(.error, Span(offset: previousEnd, length: 0))
        case .leftParen:
            let skipped = skipParenthesisedRegion()
            report(.expectedValue, SyntaxMessage.expectedValue(after: quoted(after), found: describe(token)), at: token.span)
            return ValueSyntax(.error, skipped)
        default:
            advance()
            let notes = token.kind == .keyword(.null) || token.kind == .keyword(.empty) ? [SyntaxMessage.missingValueNote] : []
            report(.expectedValue, SyntaxMessage.expectedValue(after: quoted(after), found: describe(token)), at: token.span,
                   notes: notes)
            return ValueSyntax(.error, token.span)
        }
    }

    /// A bare name where a value belongs: `tag = VIP` (fix: quote it) or
    /// `tag = shopify.tag` (comparing two fields is not supported).
    private mutating func parseNameAsValue(after: Token) -> ValueSyntax {
        let first = advance()
        var last = first
        while at(.dot) {
            switch peek().kind {
            case .identifier, .quotedIdentifier, .keyword:
                advance()
                last = advance()
            default:
                last = advance()
            }
        }
        let span = first.span.union(last.span)
        let message = SyntaxMessage.expectedValue(after: quoted(after), found: "`\(LexicalMessage.abbreviated(text(span)))`")
        if first.span == span, case .identifier(let name) = first.kind {
            report(.expectedValue, message, at: span,
                   suggestion: Suggestion(message: "write text in quotes: `\(QuotedText.query(name))`",
                                          replacement: QuotedText.query(name)))
        } else {
            report(.expectedValue, message, at: span, notes: [SyntaxMessage.fieldComparisonNote])
        }
        return ValueSyntax(.error, span)
    }

    /// period = ( "this" | "last" ) ( "week" | "month" | "year" )
    private mutating func parseRelativePeriod() -> ValueSyntax {
        let first = advance()
        let unit: PeriodUnit?
        switch current.kind {
        case .keyword(.week): unit = .week
        case .keyword(.month): unit = .month
        case .keyword(.year): unit = .year
        default: unit = nil
        }
        guard let unit else {
            report(.expectedValue, SyntaxMessage.expectedPeriodUnit(after: quoted(first), found: describe(current)),
                   at: foundSpan(current))
            return ValueSyntax(.error, first.span)
        }
        let last = advance()
        let period: CalendarPeriod = first.kind == .keyword(.this) ? .this(unit) : .last(unit)
        return ValueSyntax(.period(period), first.span.union(last.span))
    }

    /// Skips from the `(` at the cursor to its matching `)` (or the end); returns the span.
    private mutating func skipParenthesisedRegion() -> Span {
        let start = current.span.offset
        var balance = 0
        repeat {
            if at(.leftParen) { balance += 1 } else if at(.rightParen) { balance -= 1 }
            advance()
        } while balance > 0 && !atEnd
        return Span(offset: start, length: max(0, previousEnd - start))
    }
}
