/// Conditions and field paths.
extension Parser {
    /// condition = field [ test ]
    ///
    /// A condition whose field or test is broken becomes `.error`, after
    /// skipping to the next `and`, `or` or `)`. A broken value inside a
    /// well-formed test stays in the condition as an `.error` value.
    mutating func parseCondition() -> Expr {
        let first = current
        switch first.kind {
        case .identifier, .quotedIdentifier:
            break
        case .invalid:
            return .error(skipToSynchronisingToken())
        default:
            let span = foundSpan(first)
            var notes: [String] = []
            if case .keyword(let keyword) = first.kind, keyword != .and, keyword != .or {
                notes.append(SyntaxMessage.keywordAsFieldNote(keyword))
            }
            report(.expectedField, SyntaxMessage.expectedField(after: previous.map(quoted), found: describe(first)), at: span,
                   notes: notes)
            // The missing field is the gap before a connective, which is left for the caller.
            if isSynchronising(first) { return .error(Span(offset: previousEnd, length: 0)) }
            return .error(skipToSynchronisingToken())
        }
        guard let field = parseField() else {
            return .error(first.span.union(skipToSynchronisingToken()))
        }
        countCondition(at: field.span)
        switch parseTest(after: field) {
        case .bare:
            return .condition(ConditionSyntax(field: field, test: nil, operatorSpan: nil, span: field.span))
        case .test(let test, let operatorSpan, let end):
            let span = Span(offset: field.span.offset, length: max(end, field.span.end) - field.span.offset)
            return .condition(ConditionSyntax(field: field, test: test, operatorSpan: operatorSpan, span: span))
        case .negated(let test, let operatorSpan, let end):
            let span = Span(offset: field.span.offset, length: max(end, field.span.end) - field.span.offset)
            return .not(.condition(ConditionSyntax(field: field, test: test, operatorSpan: operatorSpan, span: span)), span)
        case .failed:
            _ = skipToSynchronisingToken()
            let end = max(previousEnd, field.span.end)
            return .error(Span(offset: field.span.offset, length: end - field.span.offset))
        }
    }

    /// field = name { "." name }
    /// name  = identifier | quoted_name   (after a `.`, a keyword is a name too: `hubspot.status`, `klaviyo.now`)
    ///
    /// Returns nil (after reporting, unless the lexer already did) when the path is broken.
    mutating func parseField() -> FieldPath? {
        guard let head = pathSegment(current, afterDot: false) else { return nil }
        advance()
        var segments = [head]
        while at(.dot) {
            advance()
            let token = current
            switch token.kind {
            case .identifier, .quotedIdentifier, .keyword:
                guard let segment = pathSegment(token, afterDot: true) else { return nil }
                segments.append(segment)
                advance()
            case .invalid:
                return nil
            default:
                report(.expectedField, SyntaxMessage.expectedNameAfterDot(found: describe(token)), at: foundSpan(token))
                return nil
            }
        }
        let span = head.span.union(segments[segments.count - 1].span)
        return FieldPath(segments: segments, span: span)
    }

    /// The path segment a name token spells, or nil (reported) for an empty backtick name.
    private mutating func pathSegment(_ token: Token, afterDot: Bool) -> PathSegment? {
        switch token.kind {
        case .identifier(let name):
            return PathSegment(name: name, quoted: false, span: token.span)
        case .keyword where afterDot:
            return PathSegment(name: text(token), quoted: false, span: token.span)
        case .quotedIdentifier(let name):
            guard !name.isEmpty else {
                report(.expectedField, SyntaxMessage.emptyBacktickName, at: token.span)
                return nil
            }
            return PathSegment(name: name, quoted: true, span: token.span)
        default:
            return nil
        }
    }

    /// Counts a condition; the first one past `limits.maxConditions` gets E0303.
    private mutating func countCondition(at span: Span) {
        conditionCount += 1
        if conditionCount - 1 == limits.maxConditions {
            report(.tooManyConditions, SyntaxMessage.tooManyConditions(limit: limits.maxConditions), at: span,
                   notes: [SyntaxMessage.limitNote])
        }
    }
}
