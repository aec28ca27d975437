import SegqSyntax

/// Checks string operands of `=`, `!=`, `in` and `not in` against what the
/// schema and the store know: saved segment names (E0104) and the values
/// friends hold (W0102 for a case-only mismatch, W0104 for no match).
struct KnownValueChecks {
    let schema: Schema
    let catalog: ValueCatalog?

    /// Candidates beyond this many are not searched for a near spelling.
    private static let suggestionCandidateLimit = 10_000

    /// Returns false when an operand names an unknown segment (an error).
    func check(_ operands: [(value: Value, syntax: ValueSyntax)], of field: ResolvedField,
               into diagnostics: inout [Diagnostic]) -> Bool {
        if field.field == .segment, let names = schema.segmentNames {
            return checkSegments(operands, names: names, into: &diagnostics)
        }
        guard let catalog, field.type == .string || field.type == .stringSet || field.type == .untyped,
              operands.contains(where: { $0.value.stringValue != nil }),
              let known = catalog.knownValues(of: field.field) else { return true }
        for (value, syntax) in operands {
            guard let s = value.stringValue, !known.contains(s) else { continue }
            diagnostics.append(catalogWarning(s, at: syntax.span, field: field, known: known))
        }
        return true
    }

    private func checkSegments(_ operands: [(value: Value, syntax: ValueSyntax)], names: [String],
                               into diagnostics: inout [Diagnostic]) -> Bool {
        var ok = true
        for (value, syntax) in operands {
            guard let s = value.stringValue, !names.contains(s) else { continue }
            ok = false
            let suggestion = EditDistance.nearest(to: s, in: names).map {
                CheckerMessage.didYouMean(StringLiteral.quoted($0), at: syntax.span)
            }
            diagnostics.append(.error(.unknownSegment, CheckerMessage.unknownSegment(StringLiteral.quoted(s)),
                                      at: syntax.span, suggestion: suggestion))
        }
        return ok
    }

    private func catalogWarning(_ s: String, at span: Span, field: ResolvedField, known: Set<String>) -> Diagnostic {
        let folded = CaseFolding.fold(s)
        if let other = known.filter({ CaseFolding.fold($0) == folded }).min() {
            let replacement = StringLiteral.quoted(other)
            return .warning(.caseMismatch,
                            CheckerMessage.caseMismatch(StringLiteral.quoted(s), matching: replacement), at: span,
                            suggestion: Suggestion(message: "did you mean `\(replacement)`?",
                                                   replacement: replacement, span: span))
        }
        var suggestion: Suggestion?
        if known.count <= Self.suggestionCandidateLimit, let near = EditDistance.nearest(to: s, in: known.sorted()) {
            suggestion = CheckerMessage.didYouMean(StringLiteral.quoted(near), at: span)
        }
        return .warning(.valueMatchesNoFriend,
                        CheckerMessage.valueMatchesNoFriend(StringLiteral.quoted(s), path: field.path), at: span,
                        suggestion: suggestion)
    }
}

/// Query-syntax spelling of a string value, for messages and fix-its.
enum StringLiteral {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
