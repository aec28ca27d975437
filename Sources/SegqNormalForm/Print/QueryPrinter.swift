import SegqSyntax
import SegqSemantics

/// Canonical query text for a normal form or a typed query.
///
/// Contracts:
/// - The text is a valid query meaning the same friends (Grammar/README.md "Missing values and negation"):
///   parsing, checking and normalising it gives back an equal normal form
///   (the fixpoint of Grammar/README.md "The normal form").
/// - Groups are joined by ` or `, conditions by ` and `. With more than one
///   group, a group of several conditions is parenthesised, so the text never
///   mixes `and` and `or` without parentheses (W0001). A typed query gets
///   parentheses only where precedence needs them (`or` under `and`, `and`
///   or `or` under `not`).
/// - No groups (nobody) prints as `id is null`; an empty group (everybody)
///   as `id is not null`: `id` is never missing, so these are the constant
///   conditions the language can say.
/// - Each condition prints in one fixed spelling: negative tests by their
///   written form (`!=`, `not in`, `not between`, `not contains`,
///   `is not null`, `is not empty`), a bool `= true` as the bare field, and
///   a negated ordering as `not field < v` (its exact complement, true on a
///   missing value). Literal spellings are those of `valueText`.
public enum QueryPrinter {
    /// The text that matches nobody.
    public static let nobodyText = "id is null"
    /// The text that matches everybody.
    public static let everybodyText = "id is not null"

    /// The canonical text of a normal form.
    public static func text(of normalForm: NormalForm) -> String {
        let groups = normalForm.groups
        if groups.isEmpty { return nobodyText }
        if groups.contains(where: { $0.conditions.isEmpty }) { return everybodyText }
        if groups.count == 1 { return text(of: groups[0]) }
        var out = ""
        for (i, group) in groups.enumerated() {
            if i > 0 { out += " or " }
            if group.conditions.count > 1 {
                out += "(" + text(of: group) + ")"
            } else {
                out += text(of: group)
            }
        }
        return out
    }

    /// The conditions of one group joined by ` and ` (`id is not null` when empty).
    public static func text(of group: Group) -> String {
        if group.conditions.isEmpty { return everybodyText }
        var out = ""
        for (i, condition) in group.conditions.enumerated() {
            if i > 0 { out += " and " }
            out += text(of: condition)
        }
        return out
    }

    /// One condition: `field test`, or `not field test` for a negated test
    /// that has no written negative form.
    public static func text(of condition: Condition) -> String {
        if let rewritten = boolListAsCondition(condition) { return text(of: rewritten) }
        let field = condition.field.path
        let negated = condition.negated
        switch condition.test {
        case .equals(.bool(true)) where condition.type == .bool || condition.type == .untyped:
            return negated ? "not " + field : field
        case .equals(let v):
            return field + (negated ? " != " : " = ") + valueText(v)
        case .oneOf(let values):
            return field + (negated ? " not in (" : " in (") + values.map(valueText).joined(separator: ", ") + ")"
        case .less(let v):
            return ordering(field, "<", v, negated)
        case .lessOrEqual(let v):
            return ordering(field, "<=", v, negated)
        case .greater(let v):
            return ordering(field, ">", v, negated)
        case .greaterOrEqual(let v):
            return ordering(field, ">=", v, negated)
        case .between(let a, let b):
            return field + (negated ? " not between " : " between ") + valueText(a) + " and " + valueText(b)
        case .contains(let s):
            return field + (negated ? " not contains " : " contains ") + stringText(s)
        case .startsWith(let s):
            return field + (negated ? " not starts with " : " starts with ") + stringText(s)
        case .endsWith(let s):
            return field + (negated ? " not ends with " : " ends with ") + stringText(s)
        case .isNull:
            return field + (negated ? " is not null" : " is null")
        case .isEmpty:
            return field + (negated ? " is not empty" : " is empty")
        }
    }

    /// `in` is not a test on bool fields (Grammar/README.md "Tests by type"), so a list of
    /// bools prints as the equivalent condition that is: `in (true)` as the
    /// bare field, `in (false)` as `= false`, `in (false, true)` as
    /// `is not null` (negations likewise).
    private static func boolListAsCondition(_ c: Condition) -> Condition? {
        guard c.type == .bool, case .oneOf(let values) = c.test else { return nil }
        var flags = Set<Bool>()
        for v in values {
            guard case .bool(let b) = v else { return nil }
            flags.insert(b)
        }
        var out = c
        switch (flags.contains(false), flags.contains(true)) {
        case (true, true): out.test = .isNull; out.negated = !c.negated
        case (false, true): out.test = .equals(.bool(true))
        case (true, false): out.test = .equals(.bool(false))
        case (false, false): return nil
        }
        return out
    }

    private static func ordering(_ field: String, _ op: String, _ v: Value, _ negated: Bool) -> String {
        (negated ? "not " : "") + field + " " + op + " " + valueText(v)
    }
}
