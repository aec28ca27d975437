import SegqSyntax
import SegqSemantics

/// Expands a negation normal form into simplified groups of AND
/// (distributing `and` over `or`), bottom-up and without recursion.
///
/// The group limit is checked before each product is built: when the
/// groups of an `and`'s operands (each already simplified) would multiply
/// to more than `maxGroups`, or an `or` keeps more than `maxGroups` groups
/// after simplifying, expansion stops with E0304 at that sub-expression,
/// the innermost one that exceeds the limit. Work is therefore bounded by
/// about `maxGroups` groups per node, whatever the input.
struct GroupExpansion {
    let maxGroups: Int

    enum Outcome {
        case groups([[Condition]])
        case tooManyGroups(Diagnostic)
    }

    func expand(_ nnf: NegationNormalForm) -> Outcome {
        let nodes = nnf.nodes
        guard !nodes.isEmpty else { return .groups([]) }
        var reachable = [Bool](repeating: false, count: nodes.count)
        reachable[nodes.count - 1] = true
        for i in stride(from: nodes.count - 1, through: 0, by: -1) where reachable[i] {
            switch nodes[i] {
            case .and(let cs, _), .or(let cs, _): for c in cs { reachable[c] = true }
            default: break
            }
        }

        var results = [[[Condition]]?](repeating: nil, count: nodes.count)
        for i in nodes.indices where reachable[i] {
            switch nodes[i] {
            case .condition(let c):
                results[i] = [[c]]
            case .constant(let b):
                results[i] = b ? [[]] : []
            case .or(let children, let span):
                var all: [[Condition]] = []
                for c in children {
                    all += results[c] ?? []
                    results[c] = nil
                    if all.count > maxGroups {
                        all = GroupListSimplifier.simplify(all)
                        if all.count > maxGroups { break }
                    }
                }
                all = GroupListSimplifier.simplify(all)
                if all.count > maxGroups {
                    return .tooManyGroups(error(count: all.count, at: span ?? firstSpan(nodes, i), isAnd: false))
                }
                results[i] = all
            case .and(let children, let span):
                var operands: [[[Condition]]] = []
                operands.reserveCapacity(children.count)
                for c in children {
                    operands.append(results[c] ?? [])
                    results[c] = nil
                }
                if operands.contains(where: { $0.isEmpty }) { results[i] = []; continue }
                // Single-group operands first, merged into one group: they never add groups.
                var common: [Condition] = []
                var multi: [[[Condition]]] = []
                for operand in operands {
                    if operand.count == 1 { common += operand[0] } else { multi.append(operand) }
                }
                guard let commonGroup = GroupSimplifier.simplify(common) else { results[i] = []; continue }
                multi.sort { $0.count < $1.count }
                var acc: [[Condition]] = [commonGroup]
                for operand in multi {
                    let (product, overflow) = acc.count.multipliedReportingOverflow(by: operand.count)
                    if overflow || product > maxGroups {
                        let bound = overflow ? Int.max : product
                        return .tooManyGroups(error(count: bound, at: span ?? firstSpan(nodes, i), isAnd: true))
                    }
                    var next: [[Condition]] = []
                    next.reserveCapacity(product)
                    for g in acc {
                        for h in operand {
                            if let merged = GroupSimplifier.simplify(g + h) { next.append(merged) }
                        }
                    }
                    acc = GroupListSimplifier.simplify(next)
                    if acc.isEmpty { break }
                }
                results[i] = acc
            }
        }
        return .groups(results[nodes.count - 1] ?? [])
    }

    private func error(count: Int, at span: Span, isAnd: Bool) -> Diagnostic {
        let amount = count == Int.max ? "more than \(maxGroups)" : "\(count)"
        let message = isAnd
            ? "this expression expands to \(amount) groups of AND, over the limit of \(maxGroups)"
            : "this expression has \(amount) groups of AND, over the limit of \(maxGroups)"
        return .error(.tooManyGroups, message, at: span, notes: [
            "each `and` of `or`s multiplies their groups: (a or b) and (c or d) is 4 groups",
            "rewrite the query with fewer alternatives, or raise the group limit setting",
        ])
    }

    /// A span for a node written without one: its first condition's.
    private func firstSpan(_ nodes: [NegationNormalForm.Node], _ i: Int) -> Span {
        var j = i
        while true {
            switch nodes[j] {
            case .condition(let c): return c.span ?? Span(offset: 0, length: 0)
            case .constant: return Span(offset: 0, length: 0)
            case .and(let cs, let s), .or(let cs, let s):
                if let s = s { return s }
                guard let f = cs.first else { return Span(offset: 0, length: 0) }
                j = f
            }
        }
    }
}
