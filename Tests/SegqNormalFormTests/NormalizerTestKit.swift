import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm

/// Small builders for typed queries, and a compact rendering of normal
/// forms that the unit tests compare against.
enum Q {
    static func cond(_ field: Field, _ type: ValueType, _ test: Test, negated: Bool = false) -> QueryNode {
        .condition(Condition(field: field, type: type, test: test, negated: negated,
                             span: Span(offset: 0, length: 1)))
    }

    static func cond(at offset: Int, _ field: Field, _ type: ValueType, _ test: Test, negated: Bool = false) -> QueryNode {
        .condition(Condition(field: field, type: type, test: test, negated: negated,
                             span: Span(offset: offset, length: 1)))
    }

    static func purchases(_ test: Test, negated: Bool = false) -> QueryNode { cond(.shopifyPurchases, .int, test, negated: negated) }
    static func tag(_ test: Test, negated: Bool = false) -> QueryNode { cond(.tag, .stringSet, test, negated: negated) }
    static func name(_ test: Test, negated: Bool = false) -> QueryNode { cond(.name, .string, test, negated: negated) }
    static func added(_ test: Test, negated: Bool = false) -> QueryNode { cond(.added, .time, test, negated: negated) }
    static func stage(_ test: Test, negated: Bool = false) -> QueryNode { cond(.hubspotProperty("stage"), .string, test, negated: negated) }
    static func linked(_ i: Integration) -> QueryNode { cond(Field.linked(i), .bool, .equals(.bool(true))) }

    static func and(_ xs: QueryNode...) -> QueryNode { .and(xs, Span(offset: 0, length: 10)) }
    static func or(_ xs: QueryNode...) -> QueryNode { .or(xs, Span(offset: 0, length: 10)) }
    static func not(_ x: QueryNode) -> QueryNode { .not(x, Span(offset: 0, length: 10)) }

    static func int(_ i: Int64) -> Value { .int(i) }
    static func str(_ s: String) -> Value { .string(s) }
    static func date(_ y: Int, _ m: Int, _ d: Int) -> Value { .time(.date(CalendarDate(year: y, month: m, day: d))) }
    static func days(_ n: Int) -> Value { .time(.relative(RelativeTime(count: n, unit: .day))) }

    static func normalize(_ node: QueryNode, maxGroups: Int = 1024) -> NormalizeResult {
        Normalizer(limits: Limits(maxGroups: maxGroups), reportsUnlinkedNegations: true).normalize(TypedQuery(node))
    }

    /// The normal form rendered compactly, or "error" when there is none.
    static func text(_ node: QueryNode) -> String {
        guard let nf = normalize(node).normalForm else { return "error" }
        return render(nf)
    }

    static func codes(_ node: QueryNode, maxGroups: Int = 1024) -> [String] {
        normalize(node, maxGroups: maxGroups).diagnostics.map(\.code.rawValue)
    }

    static func render(_ nf: NormalForm) -> String {
        if nf.groups.isEmpty { return "false" }
        return nf.groups.map { g in
            g.conditions.isEmpty ? "true" : g.conditions.map(render).joined(separator: " and ")
        }.joined(separator: " or ")
    }

    static func render(_ c: Condition) -> String {
        let p = c.field.path
        let body: String
        switch c.test {
        case .equals(let v): body = "\(p) = \(ValueText.of(v))"
        case .oneOf(let vs): body = "\(p) in (\(vs.map(ValueText.of).joined(separator: ", ")))"
        case .less(let v): body = "\(p) < \(ValueText.of(v))"
        case .lessOrEqual(let v): body = "\(p) <= \(ValueText.of(v))"
        case .greater(let v): body = "\(p) > \(ValueText.of(v))"
        case .greaterOrEqual(let v): body = "\(p) >= \(ValueText.of(v))"
        case .between(let a, let b): body = "\(p) between \(ValueText.of(a)) and \(ValueText.of(b))"
        case .contains(let s): body = "\(p) contains \(ValueText.of(.string(s)))"
        case .startsWith(let s): body = "\(p) starts with \(ValueText.of(.string(s)))"
        case .endsWith(let s): body = "\(p) ends with \(ValueText.of(.string(s)))"
        case .isNull: body = "\(p) is null"
        case .isEmpty: body = "\(p) is empty"
        }
        return c.negated ? "not " + body : body
    }
}
