import SegqSyntax
import SegqSemantics

/// A query with `not` pushed down to the conditions (Grammar/README.md "The normal form"), each
/// condition canonical, `and`/`or` flattened. Nodes are stored in post-order
/// (children before parents, the root last), so later passes can walk them
/// without recursion.
struct NegationNormalForm {
    enum Node {
        case condition(Condition)
        case constant(Bool)
        case and([Int], Span?)
        case or([Int], Span?)
    }

    var nodes: [Node] = []
    /// W0201/W0202 for conditions that are always true or false, except
    /// `is [not] null` on a never-missing field, which the checker reports.
    var diagnostics: [Diagnostic] = []

    var root: Int { nodes.count - 1 }

    /// Builds the form with an explicit stack: any nesting depth is safe.
    /// Negation is exact under two-valued logic: `not c` is `c.complement`
    /// (true on a missing value when `c` is false there), De Morgan swaps
    /// `and`/`or`, `not not q` is `q`.
    init(_ query: TypedQuery) {
        enum Work {
            case visit(QueryNode, negated: Bool)
            case build(isAnd: Bool, count: Int, span: Span?)
        }
        var work: [Work] = [.visit(query.root, negated: false)]
        var built: [Int] = []
        var warned: Set<Span> = []

        while let item = work.popLast() {
            switch item {
            case .visit(let node, let negated):
                switch node {
                case .condition(let c):
                    built.append(add(leaf(c, negated: negated, warned: &warned)))
                case .constant(let b):
                    built.append(add(.constant(b != negated)))
                case .not(let inner, _):
                    work.append(.visit(inner, negated: !negated))
                case .and(let children, let span), .or(let children, let span):
                    var isAnd = true
                    if case .or = node { isAnd = false }
                    work.append(.build(isAnd: isAnd != negated, count: children.count, span: span))
                    for child in children.reversed() { work.append(.visit(child, negated: negated)) }
                }
            case .build(let isAnd, let count, let span):
                let operands = built.suffix(count)
                built.removeLast(count)
                var flat: [Int] = []
                flat.reserveCapacity(count)
                for i in operands {
                    switch nodes[i] {
                    case .and(let cs, _) where isAnd: flat += cs
                    case .or(let cs, _) where !isAnd: flat += cs
                    default: flat.append(i)
                    }
                }
                if flat.isEmpty {
                    built.append(add(.constant(isAnd)))
                } else if flat.count == 1 {
                    built.append(flat[0])
                } else {
                    built.append(add(isAnd ? .and(flat, span) : .or(flat, span)))
                }
            }
        }
        if nodes.isEmpty { nodes.append(.constant(false)) }
        // The root is the last node built; make sure it sits last.
        if let top = built.last, top != root { nodes.append(nodes[top]) }
    }

    private mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func leaf(_ c: Condition, negated: Bool, warned: inout Set<Span>) -> Node {
        let written = negated ? c.complement : c
        switch ConditionCanonicalizer.canonicalize(written) {
        case .condition(let d):
            return .condition(d)
        case .always(let value, let reason):
            let span = c.span ?? Span(offset: 0, length: 0)
            // `is [not] null` on a never-missing field is the checker's W0201/W0202.
            let checkerWarns = c.test.isNullTest && !c.field.canBeMissing
            if !checkerWarns && warned.insert(span).inserted {
                diagnostics.append(value
                    ? .warning(.alwaysTrueCondition, "this condition is always true: \(reason)", at: span)
                    : .warning(.alwaysFalseCondition, "this condition is always false: \(reason)", at: span))
            }
            return .constant(value)
        }
    }
}
