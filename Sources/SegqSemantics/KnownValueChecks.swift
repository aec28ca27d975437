import SegqBasics
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
            let suggestion = NearestName.nearest(to: s, in: names).map {
                CheckerMessage.didYouMean(QuotedText.query($0), at: syntax.span)
            }
            diagnostics.append(.error(.unknownSegment, CheckerMessage.unknownSegment(QuotedText.query(s)),
                                      at: syntax.span, suggestion: suggestion))
        }
        return ok
    }

    private func catalogWarning(_ s: String, at span: Span, field: ResolvedField, known: Set<String>) -> Diagnostic {
        let folded = CaseFolding.fold(s)
        if let other = known.filter({ CaseFolding.fold($0) == folded }).min() {
            let replacement = QuotedText.query(other)
            return .warning(.caseMismatch,
                            CheckerMessage.caseMismatch(QuotedText.query(s), matching: replacement), at: span,
                            suggestion: Suggestion(message: "did you mean `\(replacement)`?",
                                                   replacement: replacement, span: span))
        }
        var suggestion: Suggestion?
        if known.count <= Self.suggestionCandidateLimit, let near = NearestName.nearest(to: s, in: known.sorted()) {
            suggestion = CheckerMessage.didYouMean(QuotedText.query(near), at: span)
        }
        return .warning(.valueMatchesNoFriend,
                        CheckerMessage.valueMatchesNoFriend(QuotedText.query(s), path: field.path), at: span,
                        suggestion: suggestion)
    }
}

