/// The catalogue of syntax diagnostic messages (codes E0010–E0016, E0207,
/// E03xx, W0001), kept in one place so wording stays consistent.
/// `found` arguments are token descriptions from `Parser.describe`.
enum SyntaxMessage {
    static func expectedConnective(found: String, insideParentheses: Bool) -> String {
        insideParentheses
            ? "expected `and`, `or` or `)`, found \(found)"
            : "expected `and`, `or` or end of query, found \(found)"
    }

    static let unmatchedClosingParenthesis = "unmatched `)`"
    static let unclosedParenthesis = "unclosed `(`"
    static let unclosedList = "unclosed `(` of the list"

    static func expectedValue(after: String?, found: String) -> String {
        "expected a value\(after.map { " after " + $0 } ?? ""), found \(found)"
    }

    static func expectedPeriodUnit(after: String, found: String) -> String {
        "expected `week`, `month` or `year` after \(after), found \(found)"
    }

    static let emptyQuery = "empty query"
    static let emptyQueryNote = "a query is one or more conditions, e.g. `tag = \"VIP\"`"

    static func expectedField(after: String?, found: String) -> String {
        "expected a field\(after.map { " after " + $0 } ?? ""), found \(found)"
    }
    static func expectedNameAfterDot(found: String) -> String { "expected a name after `.`, found \(found)" }
    static let emptyBacktickName = "empty name in backticks"
    static func keywordAsFieldNote(_ keyword: Keyword) -> String {
        "`\(keyword.rawValue)` is a keyword; a field of that name is written in backticks: `` `\(keyword.rawValue)` ``"
    }

    static func expectedTest(field: String, found: String) -> String {
        "expected a test after `\(field)`, found \(found)"
    }
    static let testsNote = "a test is a comparison (`= != < <= > >=`) with a value, `in (…)`, `between … and …`, "
        + "`contains`, `starts with`, `ends with`, `is [not] null`, `is [not] empty` or `within`"

    static func expectedAfterNot(found: String) -> String {
        "expected `in`, `between`, `contains`, `starts with` or `ends with` after `not`, found \(found)"
    }
    static func expectedAfterIs(negated: Bool, found: String) -> String {
        negated ? "expected `null` or `empty` after `is not`, found \(found)"
                : "expected `null`, `empty` or `not` after `is`, found \(found)"
    }
    static func expectedWith(after keyword: String, found: String) -> String {
        "expected `with` after `\(keyword)`, found \(found)"
    }
    static func expectedOpenParenthesis(found: String) -> String { "expected `(` after `in`, found \(found)" }
    static func expectedListSeparator(found: String) -> String { "expected `,` or `)` in the list, found \(found)" }
    static func expectedBetweenAnd(lower: String, found: String) -> String {
        let written = lower.isEmpty ? "between" : "between " + LexicalMessage.abbreviated(lower)
        return "expected `and` after `\(written)`, found \(found)"
    }
    static func stringSpansLines(line: Int, column: Int) -> String {
        "the string that starts at \(line):\(column) runs over a line break: is its closing quote missing?"
    }
    static let missingValueNote = "to test for a missing value, write `is null` (or `is not null`)"
    static let fieldComparisonNote = "a test compares a field with a literal value; comparing two fields is not supported"

    static let emptyList = "empty list: `in` needs at least one value"

    static func queryTooLong(bytes: Int, limit: Int) -> String {
        "query is too long: \(bytes) bytes, the limit is \(limit)"
    }
    static func nestingTooDeep(limit: Int) -> String {
        "nesting is too deep: the limit is \(limit) level\(limit == 1 ? "" : "s")"
    }
    static let nestingNote = "each `(` and each `not` adds a level; the limit can be raised in the settings"
    static func tooManyConditions(limit: Int) -> String {
        "too many conditions: the limit is \(limit)"
    }
    static let limitNote = "the limit can be raised in the settings"
    static func tooManyDiagnostics(limit: Int, omitted: Int) -> String {
        "too many problems: stopped after \(limit), \(omitted) more not shown"
    }

    static let mixedAndOr = "`and` and `or` mixed without parentheses"
    static let mixedAndOrFix = "`and` binds tighter than `or`; add parentheses to say so"
}
