import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm

/// Writes a typed query as query text in a random one of the many ways the
/// language allows, meaning the same friends: keywords in any case, single
/// or double quotes, `within` for `between -N… and now`, `not (…)` instead
/// of a negative form, `>= ` as `not … <`, `= true` or the bare field,
/// redundant parentheses, comments and line breaks. Recursive, for the
/// shallow queries `RandomQueries` makes.
public struct RandomQueryText {
    public var rng: SplitMix64

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    public mutating func text(of query: TypedQuery) -> String {
        text(of: query.root)
    }

    public mutating func text(of node: QueryNode) -> String {
        switch node {
        case .condition(let c):
            return maybeParenthesised(condition(c))
        case .constant(let b):
            return b ? "id is not null" : "id is null"
        case .not(let inner, _):
            return keyword("not") + " (" + text(of: inner) + ")"
        case .and(let children, _):
            if children.isEmpty { return "id is not null" }
            return "(" + children.map { text(of: $0) }.joined(separator: " " + keyword("and") + space()) + ")"
        case .or(let children, _):
            if children.isEmpty { return "id is null" }
            return "(" + children.map { text(of: $0) }.joined(separator: " " + keyword("or") + space()) + ")"
        }
    }

    private mutating func maybeParenthesised(_ s: String) -> String {
        rng.chance(0.1) ? "(" + s + ")" : s
    }

    private mutating func space() -> String {
        switch rng.int(0...9) {
        case 0: return "\n"
        case 1: return " # a comment\n"
        case 2: return "\t"
        default: return " "
        }
    }

    /// A keyword in lower, upper or mixed case.
    private mutating func keyword(_ k: String) -> String {
        switch rng.int(0...5) {
        case 0: return k.uppercased()
        case 1: return k.prefix(1).uppercased() + k.dropFirst()
        default: return k
        }
    }

    private mutating func string(_ s: String) -> String {
        let double = QueryPrinter.stringText(s)
        guard rng.chance(0.3) else { return double }
        // The same content in single quotes: swap the unescaped quote kinds.
        return "'" + String(double.dropFirst().dropLast())
            .replacingOccurrences(of: "\\\"", with: "\"")
            .replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private mutating func value(_ v: Value) -> String {
        switch v {
        case .string(let s): return string(s)
        case .bool(let b): return keyword(b ? "true" : "false")
        case .time(.today): return keyword("today")
        case .time(.yesterday): return keyword("yesterday")
        case .time(.now): return keyword("now")
        case .time(.period(.this(let unit))): return keyword("this") + " " + keyword(unit.rawValue)
        case .time(.period(.last(let unit))): return keyword("last") + " " + keyword(unit.rawValue)
        default: return QueryPrinter.valueText(v)
        }
    }

    private mutating func condition(_ c: Condition) -> String {
        let field = c.field.path
        var positive: String
        var negative: String?
        switch c.test {
        case .equals(.bool(true)) where rng.chance(0.5):
            positive = field
        case .equals(let v):
            positive = field + " = " + value(v)
            negative = field + " != " + value(v)
        case .oneOf(let vs):
            let list = "(" + vs.map { value($0) }.joined(separator: ", ") + ")"
            positive = field + " " + keyword("in") + " " + list
            negative = field + " " + keyword("not") + " " + keyword("in") + " " + list
        case .less(let v): positive = field + " < " + value(v)
        case .lessOrEqual(let v): positive = field + " <= " + value(v)
        case .greater(let v): positive = field + " > " + value(v)
        case .greaterOrEqual(let v): positive = field + " >= " + value(v)
        case .between(.time(.relative(let r)), .time(.now)) where r.count <= 0 && rng.chance(0.6):
            let written = rng.chance(0.5) ? String(r.count.magnitude) + r.unit.rawValue : QueryPrinter.timeText(.relative(r))
            positive = field + " " + keyword("within") + " " + written
        case .between(let a, let b):
            positive = field + " " + keyword("between") + " " + value(a) + " " + keyword("and") + " " + value(b)
            negative = field + " " + keyword("not") + " " + keyword("between") + " " + value(a) + " "
                + keyword("and") + " " + value(b)
        case .contains(let s), .startsWith(let s), .endsWith(let s):
            let op: String
            switch c.test {
            case .contains: op = keyword("contains")
            case .startsWith: op = keyword("starts") + " " + keyword("with")
            default: op = keyword("ends") + " " + keyword("with")
            }
            positive = field + " " + op + " " + string(s)
            negative = field + " " + keyword("not") + " " + op + " " + string(s)
        case .isNull:
            positive = field + " " + keyword("is") + " " + keyword("null")
            negative = field + " " + keyword("is") + " " + keyword("not") + " " + keyword("null")
        case .isEmpty:
            positive = field + " " + keyword("is") + " " + keyword("empty")
            negative = field + " " + keyword("is") + " " + keyword("not") + " " + keyword("empty")
        }
        guard c.negated else { return positive }
        if let negative, rng.chance(0.6) { return negative }
        return keyword("not") + " " + (rng.chance(0.5) ? "(" + positive + ")" : positive)
    }
}
