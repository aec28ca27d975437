/// The outcome of parsing what follows a field.
enum ParsedTest {
    /// Nothing follows (`and`, `or`, `)` or the end): a bare boolean field.
    case bare
    case test(TestSyntax, operatorSpan: Span, end: Int)
    /// `not within v`: the test without its `not`, read as `not (field within v)`.
    case negated(TestSyntax, operatorSpan: Span, end: Int)
    /// Reported (or already reported by the lexer); the caller skips to a synchronising token.
    case failed
}

/// Tests: what follows the field in a condition.
extension Parser {
    /// test = cmp_op value
    ///      | [ "not" ] "in" "(" value { "," value } ")"
    ///      | [ "not" ] "between" value "and" value
    ///      | [ "not" ] ( "contains" | "starts" "with" | "ends" "with" ) value
    ///      | "is" [ "not" ] ( "null" | "empty" )
    ///      | [ "not" ] "within" value        (`not within` reads as `not (field within value)`)
    ///      | "all" "(" value { "," value } ")"   (`all` is a word only here, not a keyword)
    /// cmp_op = "=" | "!=" | "<" | "<=" | ">" | ">="
    ///
    /// Which values suit which test (a string after `contains`, a relative
    /// time after `within`) is the checker's business, not the grammar's.
    mutating func parseTest(after field: FieldPath) -> ParsedTest {
        switch current.kind {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return parseComparison()
        case .keyword(.not):
            return parseNegatedTest()
        case .keyword(.in), .keyword(.between), .keyword(.contains), .keyword(.starts), .keyword(.ends):
            return parseNegatableTest(not: nil)
        case .keyword(.is):
            return parseIsTest()
        case .keyword(.within):
            let within = advance()
            let value = parseValue(after: within)
            return .test(.within(value), operatorSpan: within.span, end: max(within.span.end, value.span.end))
        case .keyword(.and), .keyword(.or), .rightParen, .endOfInput:
            return .bare
        case .identifier(let word) where Self.isAllWord(word) && (peek().kind == .leftParen || startsValue(peek())):
            let all = advance()
            guard case .test(.in(_, let values), let operatorSpan, let end) =
                    parseInList(negated: false, operatorSpan: all.span, keyword: all) else { return .failed }
            return .test(.all(values), operatorSpan: operatorSpan, end: end)
        case .invalid:
            return .failed
        default:
            reportMissingTest(after: field)
            return .failed
        }
    }

    /// cmp_op value. `= null` and `!= null` (also `empty`) are reported with
    /// `is [not] null` as the fix and read as that test.
    private mutating func parseComparison() -> ParsedTest {
        let opToken = advance()
        let op = Self.comparisonOperator(opToken.kind)
        if (at(.null) || at(.empty)) && (op == .equal || op == .notEqual) {
            let keyword = advance()
            let negated = op == .notEqual
            let isNull = keyword.kind == .keyword(.null)
            let fix = "is " + (negated ? "not " : "") + (isNull ? "null" : "empty")
            let span = opToken.span.union(keyword.span)
            report(.expectedValue, SyntaxMessage.expectedValue(after: quoted(opToken), found: describe(keyword)),
                   at: keyword.span,
                   suggestion: Suggestion(message: "to test for a missing value, write `\(fix)`", replacement: fix, span: span))
            return .test(isNull ? .isNull(negated: negated) : .isEmpty(negated: negated), operatorSpan: span, end: span.end)
        }
        let value = parseValue(after: opToken)
        return .test(.compare(op, value), operatorSpan: opToken.span, end: max(opToken.span.end, value.span.end))
    }

    /// `all`, in any case, as keywords are.
    static func isAllWord(_ word: String) -> Bool {
        word.utf8.count == 3 && word.lowercased() == "all"
    }

    static func comparisonOperator(_ kind: TokenKind) -> ComparisonOperator {
        switch kind {
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return .equal
        }
    }

    /// "not" before a test: `not in`, `not between`, `not contains`, `not starts with`, `not ends with`.
    /// `not =` and `not "v"` are reported with `!=` as the fix and read as `!=`.
    private mutating func parseNegatedTest() -> ParsedTest {
        let not = current
        let next = peek()
        switch next.kind {
        case .keyword(.in), .keyword(.between), .keyword(.contains), .keyword(.starts), .keyword(.ends):
            advance()
            return parseNegatableTest(not: not)
        case .keyword(.within):
            advance()
            let within = advance()
            let value = parseValue(after: within)
            return .negated(.within(value), operatorSpan: not.span.union(within.span),
                            end: max(within.span.end, value.span.end))
        case .equal:
            advance()
            let equal = advance()
            let span = not.span.union(equal.span)
            report(.unexpectedToken, SyntaxMessage.expectedAfterNot(found: describe(equal)), at: span,
                   suggestion: Suggestion(message: "use `!=`", replacement: "!="))
            let value = parseValue(after: equal)
            return .test(.compare(.notEqual, value), operatorSpan: span, end: max(span.end, value.span.end))
        default:
            advance()
            guard startsValue(next) else {
                if next.kind != .invalid {
                    report(.unexpectedToken, SyntaxMessage.expectedAfterNot(found: describe(next)), at: foundSpan(next))
                }
                return .failed
            }
            report(.unexpectedToken, SyntaxMessage.expectedAfterNot(found: describe(next)), at: next.span,
                   suggestion: Suggestion(message: "to compare with a value, use `!=`", replacement: "!=", span: not.span))
            let value = parseValue(after: not)
            return .test(.compare(.notEqual, value), operatorSpan: not.span, end: value.span.end)
        }
    }

    /// The tests that take an optional `not`; the cursor is on their keyword.
    private mutating func parseNegatableTest(not: Token?) -> ParsedTest {
        let keyword = advance()
        let negated = not != nil
        let operatorSpan = not.map { $0.span.union(keyword.span) } ?? keyword.span
        switch keyword.kind {
        case .keyword(.in):
            return parseInList(negated: negated, operatorSpan: operatorSpan, keyword: keyword)
        case .keyword(.between):
            return parseBetween(negated: negated, operatorSpan: operatorSpan, keyword: keyword)
        case .keyword(.contains):
            let value = parseValue(after: keyword)
            return .test(.text(negated: negated, .contains, value), operatorSpan: operatorSpan,
                         end: max(keyword.span.end, value.span.end))
        default:
            let match: TextMatch = keyword.kind == .keyword(.starts) ? .startsWith : .endsWith
            var spanOfOperator = operatorSpan
            if let with = consume(.with) {
                spanOfOperator = operatorSpan.union(with.span)
            } else {
                let found = current
                report(.unexpectedToken, SyntaxMessage.expectedWith(after: text(keyword), found: describe(found)),
                       at: foundSpan(found),
                       suggestion: Suggestion(message: "write `\(match.rawValue)`", replacement: match.rawValue,
                                              span: keyword.span))
                guard startsValue(found) else { return .failed }
            }
            let value = parseValue(after: previous ?? keyword)
            return .test(.text(negated: negated, match, value), operatorSpan: spanOfOperator,
                         end: max(spanOfOperator.end, value.span.end))
        }
    }

    /// "in" "(" value { "," value } ")". A list without parentheses is
    /// reported with them added as the fix and read as the list.
    private mutating func parseInList(negated: Bool, operatorSpan: Span, keyword: Token) -> ParsedTest {
        guard at(.leftParen) else {
            let found = current
            guard startsValue(found) else {
                if found.kind != .invalid {
                    report(.unexpectedToken, SyntaxMessage.expectedOpenParenthesis(found: describe(found)),
                           at: foundSpan(found))
                }
                return .failed
            }
            var values = [parseValue(after: keyword)]
            while at(.comma), startsValue(peek()) {
                advance()
                values.append(parseValue(after: keyword))
            }
            let listSpan = Span(offset: found.span.offset, length: previousEnd - found.span.offset)
            report(.unexpectedToken, SyntaxMessage.expectedOpenParenthesis(found: describe(found)), at: found.span,
                   suggestion: Suggestion(message: "put the list in parentheses",
                                          replacement: "(" + source.text(of: listSpan) + ")", span: listSpan))
            return .test(.in(negated: negated, values), operatorSpan: operatorSpan, end: listSpan.end)
        }
        let open = advance()
        if at(.rightParen) {
            let close = advance()
            report(.emptyList, SyntaxMessage.emptyList, at: open.span.union(close.span))
            return .test(.in(negated: negated, []), operatorSpan: operatorSpan, end: close.span.end)
        }
        var values: [ValueSyntax] = []
        var separator = open
        while true {
            let start = index
            values.append(parseValue(after: separator))
            if at(.comma) {
                separator = advance()
                if at(.rightParen) {
                    report(.expectedValue, SyntaxMessage.expectedValue(after: "`,`", found: describe(current)),
                           at: current.span,
                           suggestion: Suggestion(message: "remove the last `,`", replacement: "", span: separator.span))
                    let close = advance()
                    return .test(.in(negated: negated, values), operatorSpan: operatorSpan, end: close.span.end)
                }
            } else if at(.rightParen) {
                let close = advance()
                return .test(.in(negated: negated, values), operatorSpan: operatorSpan, end: close.span.end)
            } else if startsValue(current) {
                report(.unexpectedToken, SyntaxMessage.expectedListSeparator(found: describe(current)), at: current.span,
                       suggestion: Suggestion(message: "add `,`", replacement: ",", span: Span(offset: previousEnd, length: 0)))
                separator = previous ?? open
            } else {
                let end = previousEnd
                if current.kind != .invalid {
                    if atEnd { endedEarly = true }
                    report(.unclosedParenthesis, SyntaxMessage.unclosedList, at: open.span,
                           suggestion: Suggestion(message: "add `)`", replacement: ")", span: Span(offset: end, length: 0)))
                } else {
                    // The lexer reported the invalid token; read it as a bad value and go on.
                    advance()
                    continue
                }
                return .test(.in(negated: negated, values), operatorSpan: operatorSpan, end: end)
            }
            ensureProgress(since: start)
        }
    }

    /// "between" value "and" value. The `and` belongs to the `between`.
    private mutating func parseBetween(negated: Bool, operatorSpan: Span, keyword: Token) -> ParsedTest {
        let low = parseValue(after: keyword)
        let high: ValueSyntax
        if let and = consume(.and) {
            high = parseValue(after: and)
        } else if at(.or) || at(.comma), startsValue(peek()) {
            let wrong = advance()
            report(.unexpectedToken, SyntaxMessage.expectedBetweenAnd(lower: text(low.span), found: describe(wrong)),
                   at: wrong.span, suggestion: Suggestion(message: "use `and`", replacement: "and"))
            high = parseValue(after: wrong)
        } else if startsValue(current) {
            report(.unexpectedToken, SyntaxMessage.expectedBetweenAnd(lower: text(low.span), found: describe(current)),
                   at: current.span,
                   suggestion: Suggestion(message: "add `and`", replacement: "and ", span: Span(offset: current.span.offset, length: 0)))
            high = parseValue(after: keyword)
        } else {
            let found = current
            let span = foundSpan(found)
            if found.kind != .invalid {
                report(.unexpectedToken, SyntaxMessage.expectedBetweenAnd(lower: text(low.span), found: describe(found)), at: span)
            }
            high = ValueSyntax(.error, Span(offset: previousEnd, length: 0))
        }
        return .test(.between(negated: negated, low, high), operatorSpan: operatorSpan,
                     end: max(operatorSpan.end, low.span.end, high.span.end))
    }

    /// "is" [ "not" ] ( "null" | "empty" ). `is "x"` / `is not "x"` are
    /// reported with `=` / `!=` as the fix and read as that comparison.
    private mutating func parseIsTest() -> ParsedTest {
        let isToken = advance()
        let not = consume(.not)
        let negated = not != nil
        let operatorStart = isToken.span
        if let null = consume(.null) {
            return .test(.isNull(negated: negated), operatorSpan: operatorStart.union(null.span), end: null.span.end)
        }
        if let empty = consume(.empty) {
            return .test(.isEmpty(negated: negated), operatorSpan: operatorStart.union(empty.span), end: empty.span.end)
        }
        let found = current
        if found.kind == .invalid { return .failed }
        let written = not.map { isToken.span.union($0.span) } ?? isToken.span
        guard startsValue(found) else {
            report(.unexpectedToken, SyntaxMessage.expectedAfterIs(negated: negated, found: describe(found)), at: foundSpan(found))
            return .failed
        }
        let fix = negated ? "!=" : "="
        report(.unexpectedToken, SyntaxMessage.expectedAfterIs(negated: negated, found: describe(found)), at: found.span,
               suggestion: Suggestion(message: "to compare with a value, use `\(fix)`", replacement: fix, span: written))
        let value = parseValue(after: previous ?? isToken)
        return .test(.compare(negated ? .notEqual : .equal, value), operatorSpan: written, end: value.span.end)
    }

    /// E0016: the field is followed by something that cannot start a test.
    /// A value right after the field (`tag "VIP"`) is consumed so the error
    /// does not cascade, with `=` as the fix; a misspelt test word gets a
    /// did-you-mean.
    private mutating func reportMissingTest(after field: FieldPath) {
        let found = current
        let message = SyntaxMessage.expectedTest(field: source.text(of: field.span), found: describe(found))
        var suggestion: Suggestion?
        if startsValue(found) {
            suggestion = Suggestion(message: "did you mean `\(source.text(of: field.span)) = \(text(found))`?",
                                    replacement: "= ", span: Span(offset: found.span.offset, length: 0))
            advance()
        } else if case .identifier(let word) = found.kind, let meant = TestWord.nearest(to: word) {
            suggestion = Suggestion(message: "did you mean `\(meant)`?", replacement: meant)
        }
        report(.expectedTest, message, at: foundSpan(found), suggestion: suggestion, notes: [SyntaxMessage.testsNote])
    }
}
