import SegqBasics

/// Where the cursor is in the grammar (Grammar/README.md "Grammar"), found by
/// running the finished tokens before it through a small state machine.
/// Unexpected tokens lead to `.unknown`, which offers nothing, except that
/// `and`/`or` always start a new condition, so completion recovers after
/// a mistake.
enum CompletionState: Equatable {
    /// Where a condition starts (start, after `(`, `and`, `or`, `not`).
    case condition
    /// After a field: a test.
    case test(FieldInfo)
    /// After `field not`.
    case negatedTest(FieldInfo)
    /// After `field is` (`negated`: after `is not`).
    case isTest(FieldInfo, negated: Bool)
    /// After `starts` or `ends`.
    case with(FieldInfo)
    /// Where a value goes; `beforeAnd` for the first value of a `between`.
    case value(FieldInfo, beforeAnd: Bool)
    /// After `in`: the list's parenthesis.
    case listOpen(FieldInfo)
    /// Inside `in (…`, where a value goes.
    case listValue(FieldInfo)
    /// Inside `in (…` after a value.
    case afterListValue(FieldInfo)
    /// After `between v`.
    case betweenAnd(FieldInfo)
    /// After a finished condition; `depth` parentheses are open.
    case afterCondition(depth: Int)
    case unknown

    /// The field whose value goes at the cursor, if a value does.
    var valueField: FieldInfo? {
        switch self {
        case .value(let field, _), .listValue(let field): return field
        default: return nil
        }
    }

    var isList: Bool {
        if case .listValue = self { return true }
        return false
    }

    /// The state after `tokens`; `field` resolves a word to a field.
    static func after<C: Collection>(_ tokens: C, field: (String) -> FieldInfo) -> CompletionState
    where C.Element == QueryTokenizer.Token {
        var state = CompletionState.condition
        var depth = 0
        for token in tokens {
            let word = token.kind == .word ? token.text.lowercased() : nil
            let symbol = token.kind == .symbol ? token.text : nil
            // `and`/`or` start a condition wherever they appear, except the
            // `and` of a `between`.
            if let word, word == "and" || word == "or" {
                if case .betweenAnd(let field) = state, word == "and" {
                    state = .value(field, beforeAnd: false)
                } else {
                    state = .condition
                }
                continue
            }
            switch state {
            case .condition:
                if word == "not" { state = .condition }
                else if symbol == "(" { depth += 1 }
                else if let word, token.kind == .word, !Self.isKeyword(word) { state = .test(field(token.text)) }
                else { state = .unknown }
            case .test(let target):
                if let symbol, ["=", "!=", "<", "<=", ">", ">="].contains(symbol) {
                    state = .value(target, beforeAnd: false)
                } else if symbol == ")" {
                    depth = max(0, depth - 1)
                    state = .afterCondition(depth: depth)
                } else {
                    state = afterTestWord(word, field: target, negated: false)
                }
            case .negatedTest(let target):
                state = afterTestWord(word, field: target, negated: true)
            case .isTest(let target, let negated):
                if word == "not" && !negated { state = .isTest(target, negated: true) }
                else if word == "null" || word == "empty" { state = .afterCondition(depth: depth) }
                else { state = .unknown }
            case .with(let target):
                state = word == "with" ? .value(target, beforeAnd: false) : .unknown
            case .value(let target, let beforeAnd):
                guard token.isValue else { state = .unknown; continue }
                state = beforeAnd ? .betweenAnd(target) : .afterCondition(depth: depth)
            case .listOpen(let target):
                state = symbol == "(" ? .listValue(target) : .unknown
            case .listValue(let target):
                if symbol == ")" { state = .afterCondition(depth: depth) }
                else { state = token.isValue ? .afterListValue(target) : .unknown }
            case .afterListValue(let target):
                if symbol == "," { state = .listValue(target) }
                else if symbol == ")" { state = .afterCondition(depth: depth) }
                else { state = .unknown }
            case .betweenAnd:
                state = .unknown
            case .afterCondition:
                if symbol == ")" {
                    depth = max(0, depth - 1)
                    state = .afterCondition(depth: depth)
                } else {
                    state = .unknown
                }
            case .unknown:
                if symbol == ")" { depth = max(0, depth - 1) }
                else if symbol == "(" { depth += 1 }
            }
        }
        return state
    }

    /// The state after a word that begins a test on `field`.
    private static func afterTestWord(_ word: String?, field: FieldInfo, negated: Bool) -> CompletionState {
        switch word {
        case "not" where !negated: return .negatedTest(field)
        case "in": return .listOpen(field)
        case "all" where !negated && field.type == .stringSet: return .listOpen(field)
        case "between": return .value(field, beforeAnd: true)
        case "contains", "within": return .value(field, beforeAnd: false)
        case "starts", "ends": return .with(field)
        case "is" where !negated: return .isTest(field, negated: false)
        default: return .unknown
        }
    }

    /// The language's keywords (the lexer's list): never a field.
    static func isKeyword(_ lowered: String) -> Bool {
        Keyword(rawValue: lowered) != nil
    }
}

extension QueryTokenizer.Token {
    /// Whether the token can be a value: a string, number, or a value keyword.
    var isValue: Bool {
        switch kind {
        case .string, .number: return true
        case .word: return ["true", "false", "today", "yesterday", "now"].contains(text.lowercased())
        case .symbol, .other: return false
        }
    }
}
