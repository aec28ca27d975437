import SegqSyntax
import SegqSemantics

/// One condition in words (see `Summary`). Every test of Grammar/README.md "Tests by type" has
/// a positive and a negated wording; a negated wording says "not"/"no".
/// Which friends without a value the group takes in is the group's note
/// (`MissingWords`), except where a clause names them itself.
struct ConditionDescriber {
    let time: TimeWording

    init(context: EvaluationContext?) {
        time = TimeWording(context: context)
    }

    func clause(for c: Condition, in reach: GroupReach) -> Clause {
        var clause: Clause
        switch c.field {
        case .shopifyLinked, .hubspotLinked, .klaviyoLinked:
            clause = linkedClause(c)
            if case .equals(.bool(true)) = c.test, c.negated, let i = c.field.integration { clause.says = [.unlinked(i)] }
        case .shopifyAbandonedCart:
            clause = abandonedCartClause(c, reach)
        default:
            if case .isNull = c.test {
                clause = nullClause(c, reach)
            } else if let words = SetWords(c.field), c.type == .stringSet {
                clause = setClause(c, words)
            } else if c.type == .time, let verbs = TimeVerbs(c.field) {
                clause = timeClause(c, verbs)
            } else {
                clause = Clause(kind: .whose, text: "whose " + FieldWords.noun(c.field) + " " + predicate(c))
                if let range = time.derivedRange(c.field, c.test, negated: c.negated) { clause.text += " " + range }
            }
        }
        return clause
    }

    // MARK: - Scalars

    private func predicate(_ c: Condition) -> String {
        let not = c.negated ? "not " : ""
        switch c.test {
        case .equals(let v): return "is " + not + value(v)
        case .oneOf(let vs): return (c.negated ? "is none of " : "is one of ") + list(vs)
        case .less(let v): return "is " + not + "less than " + value(v)
        case .lessOrEqual(let v): return "is " + not + "at most " + value(v)
        case .greater(let v): return "is " + not + "more than " + value(v)
        case .greaterOrEqual(let v): return "is " + not + "at least " + value(v)
        case .between(let a, let b): return "is " + not + "between " + value(a) + " and " + value(b)
        case .contains(let s): return (c.negated ? "does not contain " : "contains ") + quoted(s) + " (ignoring case)"
        case .startsWith(let s): return (c.negated ? "does not start with " : "starts with ") + quoted(s) + " (ignoring case)"
        case .endsWith(let s): return (c.negated ? "does not end with " : "ends with ") + quoted(s) + " (ignoring case)"
        case .isNull: return c.negated ? "is present" : "is missing"
        case .isEmpty: return c.negated ? "is not empty" : "is empty"
        }
    }

    /// `is null`: "have no name" / "have a name"; for fields present exactly
    /// when linked, "are (not) linked to Shopify". A missing datum of an
    /// integration adds "or are not linked to …" only when the group admits
    /// friends not linked to it.
    private func nullClause(_ c: Condition, _ reach: GroupReach) -> Clause {
        if let integration = c.field.integration, FieldWords.presentExactlyWhenLinked(c.field) {
            return Clause(kind: .who, text: (c.negated ? "are linked to " : "are not linked to ") + integration.displayName,
                          says: c.negated ? [] : [.unlinked(integration)])
        }
        let noun = FieldWords.noun(c.field)
        if c.negated { return Clause(kind: .who, text: "have a " + noun) }
        // The missing friends are the subject here; say them in the clause, not in a note.
        var text = "have no " + noun
        var says: Set<MissingKind> = c.field == .name ? [.noName] : []
        if let key = c.field.tagKey { says.insert(.noTagKey(key)) }
        if let integration = c.field.integration {
            if let datum = Datum(c.field) { says.insert(.linkedWithout(datum)) }
            if reach.integrations.first(where: { $0.integration == integration })?.unlinked == true {
                text += " or are not linked to " + integration.displayName
                says.insert(.unlinked(integration))
            }
        }
        return Clause(kind: .who, text: text, says: says)
    }

    private func linkedClause(_ c: Condition) -> Clause {
        let name = c.field.integration?.displayName ?? ""
        let linked: Bool?
        switch c.test {
        case .equals(.bool(let b)): linked = b != c.negated
        case .isNull: linked = c.negated ? nil : false   // never missing: `is not null` always holds
        default: linked = nil
        }
        switch linked {
        case true?: return Clause(kind: .who, text: "are linked to " + name)
        case false?: return Clause(kind: .who, text: "are not linked to " + name)
        case nil: return Clause(kind: .whose, text: "whose " + FieldWords.noun(c.field) + " " + predicate(c))
        }
    }

    private func abandonedCartClause(_ c: Condition, _ reach: GroupReach) -> Clause {
        switch (c.test, c.negated) {
        case (.equals(.bool(true)), false), (.equals(.bool(false)), true):
            // `!= false` also holds for friends not linked: the note says so.
            return Clause(kind: .who, text: "have an abandoned Shopify cart")
        case (.equals(.bool(true)), true):
            return Clause(kind: .who, text: "do not have an abandoned Shopify cart")
        case (.equals(.bool(false)), false):
            return Clause(kind: .who, text: "are linked to Shopify and have no abandoned cart")
        case (.isNull, _):
            return nullClause(c, reach)
        default:
            return Clause(kind: .whose, text: "whose " + FieldWords.noun(c.field) + " " + predicate(c))
        }
    }

    // MARK: - Sets

    private func setClause(_ c: Condition, _ w: SetWords) -> Clause {
        let text: String
        switch c.test {
        case .equals(let v): text = (c.negated ? w.lacks : w.has) + " " + value(v)
        case .oneOf(let vs): text = (c.negated ? w.noneOf : w.anyOf) + " " + list(vs)
        case .contains(let s): text = (c.negated ? w.noElement : w.someElement) + " containing " + quoted(s) + " (ignoring case)"
        case .startsWith(let s): text = (c.negated ? w.noElement : w.someElement) + " starting with " + quoted(s) + " (ignoring case)"
        case .endsWith(let s): text = (c.negated ? w.noElement : w.someElement) + " ending with " + quoted(s) + " (ignoring case)"
        case .isEmpty: text = c.negated ? w.notEmpty : w.empty
        default:
            return Clause(kind: .whose, text: "whose " + FieldWords.noun(c.field) + " " + predicate(c))
        }
        return Clause(kind: .who, text: text)
    }

    // MARK: - Times

    private func timeClause(_ c: Condition, _ verbs: TimeVerbs) -> Clause {
        let verb = c.negated ? verbs.negative : verbs.positive
        let phrase: String
        var notes: [String] = []
        if let periodPhrase = periodClause(c.test) {
            phrase = periodPhrase.phrase
            notes = periodPhrase.notes
        } else {
        switch c.test {
        case .equals(.time(let v)): phrase = (v.isDay ? "on " : "at ") + time.words(v)
        case .less(.time(let v)): phrase = "before " + time.words(v)
        case .lessOrEqual(.time(let v)): phrase = (v.isDay ? "on or before " : "at or before ") + time.words(v)
        case .greater(.time(let v)): phrase = "after " + time.words(v)
        case .greaterOrEqual(.time(let v)): phrase = (v.isDay ? "on or after " : "at or after ") + time.words(v)
        case .between(.time(let a), .time(let b)):
            phrase = "between " + time.words(a) + " and " + time.words(b)
            if b.isDay { notes.append("inclusive") }
        default:
            return Clause(kind: .whose, text: "whose " + FieldWords.noun(c.field) + " " + predicate(c))
        }
        }
        if let zone = time.zoneName { notes.append(zone) }
        return Clause(kind: .who, text: verb + " " + phrase + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"))
    }

    /// A time test whose operand is a period (`this month`, `2026-11`): its
    /// name, and the days it resolves to as a note (`in November 2026
    /// (1–30 Nov 2026, …)`). nil when no operand is a period.
    private func periodClause(_ test: Test) -> (phrase: String, notes: [String])? {
        func isPeriod(_ v: TimeValue) -> Bool { if case .period = v { return true } else { return false } }
        func name(_ v: TimeValue) -> String {
            isPeriod(v) ? TimeWording.periodName(v) : time.words(v)
        }
        func firstDay(_ v: TimeValue) -> Int64? { time.periodDays(v)?.first ?? dayOf(v) }
        func lastDay(_ v: TimeValue) -> Int64? { time.periodDays(v)?.last ?? dayOf(v) }
        func range(_ a: TimeValue, _ b: TimeValue) -> [String] {
            guard let first = firstDay(a), let last = lastDay(b) else { return [] }
            return [TimeWording.dayRangeText(first, last)]
        }
        func note(_ prefix: String, _ day: Int64?) -> [String] {
            day.map { [prefix + TimeWording.dayText($0)] } ?? []
        }
        func dayOf(_ v: TimeValue) -> Int64? {
            guard let context = time.context, case .day(let d) = TimeResolver(context).resolve(v) else { return nil }
            return d
        }
        switch test {
        case .equals(.time(let v)) where isPeriod(v):
            if case .period(.month) = v { return ("in " + name(v), range(v, v)) }
            return (name(v), range(v, v))
        case .less(.time(let v)) where isPeriod(v): return ("before " + name(v), note("before ", firstDay(v)))
        case .lessOrEqual(.time(let v)) where isPeriod(v): return ("in or before " + name(v), note("through ", lastDay(v)))
        case .greater(.time(let v)) where isPeriod(v): return ("after " + name(v), note("after ", lastDay(v)))
        case .greaterOrEqual(.time(let v)) where isPeriod(v): return ("in or after " + name(v), note("from ", firstDay(v)))
        case .between(.time(let a), .time(let b)) where isPeriod(a) || isPeriod(b):
            guard a.isDay, b.isDay else { return nil }
            return ("between " + name(a) + " and " + name(b), range(a, b) + ["inclusive"])
        default: return nil
        }
    }

    // MARK: - Values

    private func value(_ v: Value) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .int(let i): return String(i)
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return QueryPrinter.valueText(v)
        case .bool(let b): return b ? "true" : "false"
        case .time(let t): return time.words(t) + time.zoneNote
        }
    }

    private func list(_ vs: [Value]) -> String { vs.map(value).joined(separator: ", ") }

    private func quoted(_ s: String) -> String { QueryPrinter.stringText(s) }
}
