import SegqBasics
import SegqSyntax

/// Checks string operands of `=`, `!=`, `in` and `not in` against what the
/// schema and the store know: saved segment names (E0104) and the values
/// friends hold (W0102 for a case- or width-only mismatch, or a matching
/// value beside such near-duplicates; W0104 for no match).
struct KnownValueChecks {
    let schema: Schema
    let catalog: ValueCatalog?
    var hintsNearDuplicates = false

    /// Candidates beyond this many are not searched for a near spelling.
    private static let suggestionCandidateLimit = 10_000

    /// Returns false when an operand names an unknown segment (an error).
    func check(_ operands: [(value: Value, syntax: ValueSyntax)], of field: ResolvedField,
               into diagnostics: inout [Diagnostic]) -> Bool {
        if field.field == .segment, let names = schema.segmentNames {
            return checkSegments(operands, names: names, into: &diagnostics)
        }
        guard catalog != nil, field.type == .string || field.type == .stringSet || field.type == .untyped,
              operands.contains(where: { $0.value.stringValue != nil }),
              let known = knownValues(of: field.field) else { return true }
        // A key no tag has: `checkTagKey` said so once, not once per value.
        if field.field.tagKey != nil, known.isEmpty { return true }
        for (value, syntax) in operands {
            guard let s = value.stringValue else { continue }
            if !known.contains(s) {
                diagnostics.append(catalogWarning(s, at: syntax.span, field: field, known: known))
            } else if hintsNearDuplicates, known.count <= Self.suggestionCandidateLimit,
                      let d = nearDuplicates(of: s, at: syntax.span, field: field, known: known) {
                diagnostics.append(d)
            }
        }
        return true
    }

    /// W0105 when no tag of the store has the key, with the nearest key as the fix.
    func checkTagKey(_ key: String, at span: Span, into diagnostics: inout [Diagnostic]) {
        guard let keys = catalog?.tagKeys() else { return }
        guard !keys.contains(key) else { return }
        let suggestion = NearestName.nearest(to: key, in: keys).map {
            CheckerMessage.didYouMean(Field.tagKey($0).path, at: span)
        }
        diagnostics.append(.warning(.unknownTagKey, CheckerMessage.unknownTagKey(key), at: span, suggestion: suggestion,
                                    notes: keys.isEmpty ? [] : [CheckerMessage.tagKeysNote(keys)]))
    }

    private func knownValues(of field: Field) -> Set<String>? {
        catalog?.values(of: field)
    }

    private func friendCount(holding value: String, in field: Field) -> Int? {
        catalog?.friends(holding: value, in: field)
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

    /// W0102 when only the case or width differs, else W0104 with the
    /// nearest values of the field (several, with their counts) and the
    /// fields where the value itself is held. A value in another script is
    /// not near anything: nothing is guessed.
    private func catalogWarning(_ s: String, at span: Span, field: ResolvedField, known: Set<String>) -> Diagnostic {
        let variants = ValueSpelling.variants(of: s, in: known)
        if let other = variants.first {
            let replacement = QuotedText.query(other)
            var d = Diagnostic.warning(.caseMismatch,
                                       CheckerMessage.caseMismatch(QuotedText.query(s), matching: replacement), at: span,
                                       suggestion: candidate(other, in: field.field, message: "did you mean `\(replacement)`?", at: span))
            d.alternatives = variants.dropFirst().map { candidate($0, in: field.field, at: span) }
            return d
        }
        var near: [String] = []
        if known.count <= Self.suggestionCandidateLimit { near = ValueSpelling.nearest(to: s, in: known, limit: Self.nearestShown) }
        let elsewhere = otherFields(holding: s, besides: field.field)
        var fixes = near.map { candidate($0, in: field.field, at: span) }
        if let first = near.first {
            fixes[0].message = CheckerMessage.didYouMean(QuotedText.query(first), at: span).message
        }
        fixes += elsewhere.map { other, value in
            let count = catalog?.friendCount(holding: value, in: other)
            let friends = count.map { " (\(Self.friends($0)))" } ?? ""
            return Suggestion(message: "it is \(FieldNoun.of(other)) \(QuotedText.query(value))\(friends): \(CodeSpan.of(other.path + " = " + QuotedText.query(value)))",
                              count: count)
        }
        var d = Diagnostic.warning(.valueMatchesNoFriend,
                                   CheckerMessage.valueMatchesNoFriend(QuotedText.query(s), path: field.path), at: span,
                                   suggestion: fixes.first)
        d.alternatives = Array(fixes.dropFirst())
        return d
    }

    /// W0102 for a value friends hold while others hold it spelled with
    /// another case or width (`VIP`, `vip`, `ＶＩＰ`): each with its count.
    func nearDuplicates(of s: String, at span: Span, field: ResolvedField, known: Set<String>) -> Diagnostic? {
        let variants = ValueSpelling.variants(of: s, in: known)
        guard !variants.isEmpty else { return nil }
        let count = { (v: String) in friendCount(holding: v, in: field.field).map { " (\(Self.friends($0)))" } ?? "" }
        let listed = variants.map { "`" + QuotedText.query($0) + "`" + count($0) }.joined(separator: ", ")
        var d = Diagnostic.warning(.caseMismatch,
                                   "`\(QuotedText.query(s))`\(count(s)) has spellings that differ only in case or width: \(listed)",
                                   at: span)
        d.alternatives = variants.map { candidate($0, in: field.field, at: span) }
        d.notes = ["`=` compares exactly; to match every spelling, list them with `in (…)`"]
        return d
    }

    private func candidate(_ value: String, in field: Field, message: String? = nil, at span: Span) -> Suggestion {
        let literal = QuotedText.query(value)
        let count = friendCount(holding: value, in: field)
        return Suggestion(message: message ?? "`\(literal)`" + (count.map { " (\(Self.friends($0)))" } ?? ""),
                          replacement: literal, span: span, count: count)
    }

    static func friends(_ n: Int) -> String { n == 1 ? "1 friend" : "\(n) friends" }

    /// Catalogued fields other than `field` holding `s`, or a spelling of it
    /// differing only in case or width.
    private func otherFields(holding s: String, besides field: Field) -> [(Field, String)] {
        guard let catalog else { return [] }
        var fields: [Field] = [.tag, .shopifyTag, .hubspotSegment, .klaviyoList]
        for (name, type) in (schema.hubspotProperties ?? [:]).sorted(by: { $0.key < $1.key }) where type == .string {
            fields.append(.hubspotProperty(name))
        }
        for (name, type) in (schema.klaviyoProperties ?? [:]).sorted(by: { $0.key < $1.key }) where type == .string {
            fields.append(.klaviyoProperty(name))
        }
        let key = ValueSpelling.key(s)
        var out: [(Field, String)] = []
        for other in fields where other != field {
            guard let values = catalog.knownValues(of: other), values.count <= Self.suggestionCandidateLimit else { continue }
            if values.contains(s) { out.append((other, s)); continue }
            if let v = values.filter({ ValueSpelling.key($0) == key }).min() { out.append((other, v)) }
        }
        return out
    }

    /// How many near values W0104 lists.
    private static let nearestShown = 4
}

/// "the tag", "the HubSpot segment", "the HubSpot `stage`": a field named
/// before one of its values.
enum FieldNoun {
    static func of(_ field: Field) -> String {
        switch field {
        case .tag: return "the tag"
        case .shopifyTag: return "the Shopify tag"
        case .hubspotSegment: return "the HubSpot segment"
        case .klaviyoList: return "the Klaviyo list"
        case .hubspotProperty(let p): return "the HubSpot property `\(p)` value"
        case .klaviyoProperty(let p): return "the Klaviyo property `\(p)` value"
        default: return CodeSpan.of(field.path)
        }
    }
}

