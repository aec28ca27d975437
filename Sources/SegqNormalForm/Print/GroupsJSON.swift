import SegqSyntax
import SegqSemantics

/// The `groups` of the JSON outputs (docs/json-output.md): an array of groups (ORed), each an
/// array of conditions (ANDed). `[]` matches nobody, `[[]]` everybody.
///
/// Each condition is an object, keys in this order:
/// - `field`: the canonical path (`shopify.purchases`, `` hubspot.`lead status` ``);
/// - `type`: the field's type (`string`, `int`, `number`, `bool`, `time`,
///   `set<string>`, `untyped`);
/// - `test`: the positive test: `=`, `in`, `<`, `<=`, `>`, `>=`, `between`,
///   `contains`, `starts with`, `ends with`, `is null`, `is empty`;
/// - `negated`: true when the condition is the exact complement of `test`;
/// - `value` (for `=`, `<`, `<=`, `>`, `>=`, text tests) or `values` (for
///   `in`, and `between` as `[low, high]`): strings, integers, numbers and
///   booleans as JSON; times as their query text (`"-7d"`, `"2026-06-01"`,
///   `"2026-06-01T09:30:00Z"`, `"today"`, `"now"`), symbolic so a saved
///   segment stays dynamic;
/// - `matches_missing`: whether the condition holds for a friend without a
///   value for the field (Grammar/README.md "Missing values and negation"; always false for fields that are
///   never missing);
/// - `text`: the condition as canonical query text;
/// - `resolved` (only with an evaluation context, only on `time` fields):
///   the instants where the positive test holds, `{"from": …, "to": …}`,
///   inclusive RFC 3339 bounds in UTC with milliseconds, `null` when
///   unbounded (an empty range has `from` after `to`).
public enum GroupsJSON {
    public static func groups(_ normalForm: NormalForm, context: EvaluationContext? = nil) -> JSONValue {
        let resolver = context.map(TimeResolver.init)
        return .array(normalForm.groups.map { group($0, resolver) })
    }

    public static func group(_ group: Group, context: EvaluationContext? = nil) -> JSONValue {
        self.group(group, context.map(TimeResolver.init))
    }

    private static func group(_ group: Group, _ resolver: TimeResolver?) -> JSONValue {
        .array(group.conditions.map { condition($0, resolver) })
    }

    public static func condition(_ c: Condition, context: EvaluationContext? = nil) -> JSONValue {
        condition(c, context.map(TimeResolver.init))
    }

    private static func condition(_ c: Condition, _ resolver: TimeResolver?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("field", .string(c.field.path)),
            ("type", .string(c.type.rawValue)),
            ("test", .string(testName(c.test))),
            ("negated", .bool(c.negated)),
        ]
        switch c.test {
        case .equals(let v), .less(let v), .lessOrEqual(let v), .greater(let v), .greaterOrEqual(let v):
            members.append(("value", value(v)))
        case .oneOf(let vs):
            members.append(("values", .array(vs.map(value))))
        case .between(let a, let b):
            members.append(("values", .array([value(a), value(b)])))
        case .contains(let s), .startsWith(let s), .endsWith(let s):
            members.append(("value", .string(s)))
        case .isNull, .isEmpty:
            break
        }
        members.append(("matches_missing", .bool(matchesMissing(c))))
        members.append(("text", .string(QueryPrinter.text(of: c))))
        if let resolver, c.type == .time, let interval = resolver.interval(for: c.test) {
            let bound = { (t: Int64?) -> JSONValue in t.map { .string(RFC3339Text.utc($0)) } ?? .null }
            members.append(("resolved", .object([("from", bound(interval.lower)), ("to", bound(interval.upper))])))
        }
        return .object(members)
    }

    /// True when the condition holds for a friend with no value for its field.
    public static func matchesMissing(_ c: Condition) -> Bool {
        guard c.field.canBeMissing else { return false }
        if case .isNull = c.test { return !c.negated }
        return c.negated
    }

    /// The written name of a positive test.
    public static func testName(_ test: Test) -> String {
        switch test {
        case .equals: return "="
        case .oneOf: return "in"
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .between: return "between"
        case .contains: return "contains"
        case .startsWith: return "starts with"
        case .endsWith: return "ends with"
        case .isNull: return "is null"
        case .isEmpty: return "is empty"
        }
    }

    static func value(_ v: Value) -> JSONValue {
        switch v {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .number(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .time(let t): return .string(QueryPrinter.timeText(t))
        }
    }
}
