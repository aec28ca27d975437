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
    /// The strings the query compares each field with: spellings named
    /// there already get no near-duplicate note.
    var mentioned: [Field: Set<String>] = [:]

    /// Candidates beyond this many are not searched for a near spelling.
    private static let suggestionCandidateLimit = 10_000

    /// A condition `field = v` or `field != v` as written: the fixes that
    /// change its field or its test replace it whole.
    struct Comparison {
        var span: Span
        var negated: Bool
    }

    /// Returns false when an operand names an unknown segment (an error).
    /// `comparison` is the condition when it has the one operand.
    func check(_ operands: [(value: Value, syntax: ValueSyntax)], of field: ResolvedField,
               comparison: Comparison? = nil, into diagnostics: inout [Diagnostic]) -> Bool {
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
                diagnostics.append(catalogWarning(s, at: syntax.span, field: field, known: known, comparison: comparison))
            } else if hintsNearDuplicates, known.count <= Self.suggestionCandidateLimit,
                      let d = nearDuplicates(of: s, at: syntax.span, field: field, known: known, comparison: comparison) {
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
    /// nearest values of the field (several, with their counts), the values
    /// of other fields of the same kind that equal or are near it, and —
    /// when nothing in the field is near — the field's values with their
    /// counts (a short list only), so the choice is left to the reader. A
    /// value in another script is not near anything: nothing is guessed.
    private func catalogWarning(_ s: String, at span: Span, field: ResolvedField, known: Set<String>,
                                comparison: Comparison?) -> Diagnostic {
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
        var fixes = near.map { candidate($0, in: field.field, at: span) }
        if let first = near.first {
            fixes[0].message = CheckerMessage.didYouMean(QuotedText.query(first), at: span).message
        }
        fixes += otherFields(near: s, besides: field.field).map { other, value, count in
            let friends = CheckerMessage.counted(count)
            let literal = QuotedText.query(value)
            let noun = FieldNoun.of(other) + " " + literal + friends
            let lead = ValueSpelling.key(value) == ValueSpelling.key(s) ? "it is " + noun : "near it: " + noun
            let rewritten = other.path + (comparison?.negated == true ? " != " : " = ") + literal
            return Suggestion(message: lead + ": " + CodeSpan.of(rewritten), replacement: comparison.map { _ in rewritten },
                              span: comparison?.span, count: count)
        }
        var d = Diagnostic.warning(.valueMatchesNoFriend,
                                   CheckerMessage.valueMatchesNoFriend(QuotedText.query(s), path: field.path), at: span,
                                   suggestion: fixes.first)
        d.alternatives = Array(fixes.dropFirst())
        if near.isEmpty, let listing = valueListing(of: field, known: known) { d.notes.append(listing) }
        return d
    }

    /// "`tag` holds: "Newsletter" (360 friends), …", most held first, when
    /// the field holds at most `listedValueLimit` values and the store
    /// counts them.
    private func valueListing(of field: ResolvedField, known: Set<String>) -> String? {
        guard let catalog, !known.isEmpty, known.count <= Self.listedValueLimit else { return nil }
        var counted: [(value: String, count: Int)] = []
        for value in known {
            guard let n = catalog.friends(holding: value, in: field.field) else { return nil }
            counted.append((value, n))
        }
        counted.sort { ($1.count, $0.value) < ($0.count, $1.value) }
        let listed = counted.map { QuotedText.query($0.value) + " (" + CheckerMessage.friends($0.count) + ")" }
        return "`\(field.path)` holds: " + listed.joined(separator: ", ")
    }

    /// W0102 for a value friends hold while others hold it spelled with
    /// another case or width (`VIP`, `vip`, `ＶＩＰ`): each with its count.
    /// With the condition, the first alternative takes every spelling:
    /// `tag in ("VIP", "vip")` (`not in` for `!=`).
    func nearDuplicates(of s: String, at span: Span, field: ResolvedField, known: Set<String>,
                        comparison: Comparison? = nil) -> Diagnostic? {
        let variants = ValueSpelling.variants(of: s, in: known)
        guard !variants.isEmpty, !Set(variants).isSubset(of: mentioned[field.field] ?? []) else { return nil }
        let count = { (v: String) in CheckerMessage.counted(friendCount(holding: v, in: field.field)) }
        let listed = variants.map { "`" + QuotedText.query($0) + "`" + count($0) }.joined(separator: ", ")
        var d = Diagnostic.warning(.caseMismatch,
                                   "`\(QuotedText.query(s))`\(count(s)) has spellings that differ only in case or width: \(listed)",
                                   at: span)
        d.alternatives = variants.map { candidate($0, in: field.field, at: span) }
        if let comparison {
            let list = field.path + (comparison.negated ? " not in (" : " in (")
                + ([s] + variants).map(QuotedText.query).joined(separator: ", ") + ")"
            d.alternatives.insert(Suggestion(message: "every spelling: `\(list)`", replacement: list, span: comparison.span),
                                  at: 0)
        }
        d.notes = ["`=` compares exactly; to match every spelling, list them with `in (…)`"]
        return d
    }

    private func candidate(_ value: String, in field: Field, message: String? = nil, at span: Span) -> Suggestion {
        let literal = QuotedText.query(value)
        let count = friendCount(holding: value, in: field)
        return Suggestion(message: message ?? "`\(literal)`" + CheckerMessage.counted(count),
                          replacement: literal, span: span, count: count)
    }

    static func friends(_ n: Int) -> String { CountedNoun.text(n, "friend") }

    /// Values of the catalogued string fields other than `field` that equal
    /// `s` up to case and width or are near it (`ValueSpelling`), nearest
    /// first, then most held: at most `elsewhereShown`, each with its count.
    private func otherFields(near s: String, besides field: Field) -> [(Field, String, Int?)] {
        guard let catalog else { return [] }
        var fields: [Field] = [.tag, .shopifyTag, .hubspotSegment, .klaviyoList]
        for (name, type) in (schema.hubspotProperties ?? [:]).sorted(by: { $0.key < $1.key }) where type == .string {
            fields.append(.hubspotProperty(name))
        }
        for (name, type) in (schema.klaviyoProperties ?? [:]).sorted(by: { $0.key < $1.key }) where type == .string {
            fields.append(.klaviyoProperty(name))
        }
        var found: [(field: Field, value: String, count: Int?, nearness: ValueSpelling.Nearness, order: Int)] = []
        for (order, other) in fields.enumerated() where other != field {
            guard let values = catalog.knownValues(of: other), values.count <= Self.suggestionCandidateLimit else { continue }
            // The value itself, else its nearest spelling in that field.
            let best = values.contains(s) ? (s, ValueSpelling.Nearness(rank: 0, distance: 0))
                : values.compactMap { v in ValueSpelling.nearness(of: v, to: s).map { (v, $0) } }
                    .min { ($0.1, $0.0) < ($1.1, $1.0) }
            guard let (value, nearness) = best else { continue }
            found.append((other, value, catalog.friendCount(holding: value, in: other), nearness, order))
        }
        return found.sorted { ($0.nearness, -($0.count ?? 0), $0.order) < ($1.nearness, -($1.count ?? 0), $1.order) }
            .prefix(Self.elsewhereShown).map { ($0.field, $0.value, $0.count) }
    }

    /// How many values of other fields W0104 points to.
    private static let elsewhereShown = 3
    /// A field with at most this many values has them listed when nothing is near.
    private static let listedValueLimit = 30

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

