import SegqBasics
import Foundation
import SegqSyntax

/// What an operand is used for, which decides the type it must have.
enum OperandRole {
    /// `=`, `!=`, `in`: the field's own type (an element for sets).
    case equality
    /// `<`, `<=`, `>`, `>=`, `between`: the field's type; numbers for untyped properties.
    case ordering
    /// `contains`, `starts with`, `ends with`: always a string.
    case text(TestForm)
}

/// Types literal operands against the field they are compared with
/// (Grammar/README.md "Tests by type"): strings for strings and sets, integers for ints
/// (`3.0` counts as 3), integers or numbers for numbers, `true`/`false` for
/// bools, signed times for times. Every refusal appends exactly one error
/// at the literal; a literal that failed to parse is skipped silently.
struct LiteralTyper {
    let source: SourceFile

    func value(_ literal: ValueSyntax, for field: ResolvedField, role: OperandRole,
               into diagnostics: inout [Diagnostic]) -> Value? {
        if case .error = literal.kind { return nil }
        if case .text(let form) = role {
            if case .string(let s) = literal.kind { return .string(Self.nfc(s)) }
            diagnostics.append(mismatch(literal, expected: "string", subject: "`\(form.rawValue)`", hint: .string))
            return nil
        }
        switch field.type {
        case .string, .stringSet:
            if case .string(let s) = literal.kind { return .string(Self.nfc(s)) }
        case .int:
            switch literal.kind {
            case .integer(let i): return .int(i)
            case .number(let d): return integral(d, literal, field, into: &diagnostics)
            default: break
            }
        case .number:
            switch literal.kind {
            case .integer(let i): return .number(Double(i))
            case .number(let d): return .number(d)
            default: break
            }
        case .bool:
            if case .bool(let b) = literal.kind { return .bool(b) }
        case .time:
            if let time = timeValue(literal, into: &diagnostics) { return time }
            if case .relative = literal.kind { return nil }   // unsigned: already reported
        case .untyped:
            if let value = untypedValue(literal, role: role) { return value }
        }
        diagnostics.append(mismatch(literal, expected: expectation(field.type, role: role),
                                    subject: subject(field), hint: field.type))
        return nil
    }

    /// A time literal, or nil (with E0206 for an unsigned relative time).
    func timeValue(_ literal: ValueSyntax, into diagnostics: inout [Diagnostic]) -> Value? {
        switch literal.kind {
        case .date(let d): return .time(.date(d))
        case .instant(let i): return .time(.instant(i))
        case .period(let p): return .time(.period(p))
        case .today: return .time(.today)
        case .yesterday: return .time(.yesterday)
        case .now: return .time(.now)
        case .relative(let r):
            if r.explicitSign { return .time(.relative(r)) }
            let signed = "-" + source.text(of: literal.span)
            diagnostics.append(.error(.invalidWithin, CheckerMessage.unsignedRelative(text(literal)),
                                      at: literal.span,
                                      suggestion: CheckerMessage.didYouMean(signed, at: literal.span)))
            return nil
        default: return nil
        }
    }

    private func integral(_ d: Double, _ literal: ValueSyntax, _ field: ResolvedField,
                          into diagnostics: inout [Diagnostic]) -> Value? {
        if d.rounded(.towardZero) != d {
            diagnostics.append(.error(.nonIntegralNumber,
                                      CheckerMessage.nonIntegral(path: field.path, literal: text(literal)),
                                      at: literal.span))
            return nil
        }
        // Int64's range is [-2^63, 2^63); both bounds are exact doubles.
        guard d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
            diagnostics.append(.error(.nonIntegralNumber,
                                      CheckerMessage.outOfIntRange(path: field.path, literal: text(literal)),
                                      at: literal.span))
            return nil
        }
        return .int(Int64(d))
    }

    /// Untyped properties take literals as written; ordering needs numbers.
    private func untypedValue(_ literal: ValueSyntax, role: OperandRole) -> Value? {
        switch literal.kind {
        case .integer(let i): return .number(Double(i))
        case .number(let d): return .number(d)
        case .string(let s): if case .equality = role { return .string(Self.nfc(s)) }
        case .bool(let b): if case .equality = role { return .bool(b) }
        default: break
        }
        return nil
    }

    private func expectation(_ type: ValueType, role: OperandRole) -> String {
        switch type {
        case .stringSet: return "string"
        case .untyped:
            if case .ordering = role { return "number" }
            return "string, number or bool"
        default: return type.rawValue
        }
    }

    private func subject(_ field: ResolvedField) -> String {
        switch field.type {
        case .stringSet: return "\(CodeSpan.of(field.path)) (set<string>)"
        case .untyped: return "untyped \(CodeSpan.of(field.path))"
        default: return "\(CodeSpan.of(field.path))"
        }
    }

    /// E0201, with a "remove the quotes" fix when a string literal spells a
    /// valid literal of the expected type, and an "add quotes" fix when a
    /// string is expected.
    private func mismatch(_ literal: ValueSyntax, expected: String, subject: String, hint: ValueType?) -> Diagnostic {
        var suggestion: Suggestion?
        if case .string(let s) = literal.kind, let type = hint, LiteralShape.spells(s, a: type) {
            suggestion = Suggestion(message: CheckerMessage.removeQuotes(s), replacement: s, span: literal.span)
        } else if hint == .string || hint == .stringSet {
            let quoted = QuotedText.query(source.text(of: literal.span))
            suggestion = Suggestion(message: CheckerMessage.addQuotes(quoted), replacement: quoted, span: literal.span)
        }
        return .error(.typeMismatch,
                      CheckerMessage.typeMismatch(expected: expected, for: subject, found: describe(literal)),
                      at: literal.span, suggestion: suggestion)
    }

    /// "string `\"abc\"`", "int `3`", "date `2026-06-01`".
    func describe(_ literal: ValueSyntax) -> String {
        let kind: String
        switch literal.kind {
        case .string: kind = "string"
        case .integer: kind = "int"
        case .number: kind = "number"
        case .bool: kind = "bool"
        case .date: kind = "date"
        case .instant: kind = "instant"
        case .relative: kind = "relative time"
        case .period: kind = "period"
        case .today, .yesterday, .now: kind = "time"
        case .error: kind = "value"
        }
        return "\(kind) `\(text(literal))`"
    }

    /// The literal as written, shortened to 40 characters.
    func text(_ literal: ValueSyntax) -> String {
        let written = source.text(of: literal.span)
        guard written.unicodeScalars.count > 40 else { return written }
        return String(String.UnicodeScalarView(written.unicodeScalars.prefix(39))) + "…"
    }

    /// Unicode NFC. Text whose scalars are all below U+0300 is already NFC
    /// (no combining marks, no compositions), which skips Foundation for
    /// nearly every query.
    static func nfc(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }
}
