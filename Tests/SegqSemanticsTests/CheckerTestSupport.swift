import SegqBasics
import SegqSyntax
import TestSupport
@testable import SegqSemantics

/// The check goldens' fixtures (Tests/TestSupport/CheckFixtures.swift).
let storeSchema = CheckFixtures.storeSchema
let noKlaviyoSchema = CheckFixtures.noKlaviyoSchema
typealias FixedCatalog = CheckFixtures.FixedCatalog
let storeCatalog = CheckFixtures.storeCatalog

/// A short, stable, readable dump of a typed query (one node a line).
func dump(_ query: TypedQuery) -> String {
    var lines: [String] = []
    var stack: [(QueryNode, Int)] = [(query.root, 0)]
    while let (node, depth) = stack.popLast() {
        let indent = String(repeating: "  ", count: depth)
        switch node {
        case .condition(let c): lines.append(indent + dump(c))
        case .constant(let b): lines.append(indent + (b ? "true" : "false"))
        case .not(let inner, _):
            lines.append(indent + "not")
            stack.append((inner, depth + 1))
        case .and(let children, _), .or(let children, _):
            if case .and = node { lines.append(indent + "and") } else { lines.append(indent + "or") }
            for child in children.reversed() { stack.append((child, depth + 1)) }
        }
    }
    return lines.joined(separator: "\n")
}

func dump(_ c: Condition) -> String {
    "\(c.field.path): \(c.type.rawValue) \(c.negated ? "not " : "")\(dump(c.test))"
}

func dump(_ test: Test) -> String {
    switch test {
    case .equals(let v): return "equals(\(dump(v)))"
    case .oneOf(let vs): return "oneOf(\(vs.map(dump).joined(separator: ", ")))"
    case .less(let v): return "less(\(dump(v)))"
    case .lessOrEqual(let v): return "lessOrEqual(\(dump(v)))"
    case .greater(let v): return "greater(\(dump(v)))"
    case .greaterOrEqual(let v): return "greaterOrEqual(\(dump(v)))"
    case .between(let a, let b): return "between(\(dump(a)), \(dump(b)))"
    case .contains(let s): return "contains(\(QuotedText.query(s)))"
    case .startsWith(let s): return "startsWith(\(QuotedText.query(s)))"
    case .endsWith(let s): return "endsWith(\(QuotedText.query(s)))"
    case .isNull: return "isNull"
    case .isEmpty: return "isEmpty"
    }
}

func dump(_ value: Value) -> String {
    switch value {
    case .string(let s): return "string " + QuotedText.query(s)
    case .int(let i): return "int \(i)"
    case .number(let d): return "number \(d)"
    case .bool(let b): return "bool \(b)"
    case .time(let t):
        switch t {
        case .date(let d): return "date \(d)"
        case .instant(let i): return "instant \(i.epochMilliseconds)ms offset \(i.offsetSeconds)s"
        case .period(let p): return "period \(p)"
        case .relative(let r): return "relative \(r)"
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .now: return "now"
        }
    }
}
