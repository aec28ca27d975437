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

        // Small products are left unsimplified until their `and` is done (the
        // root is always simplified); a result is simplified before it can
        // exceed the limit.
        let small = 16
        var results = [[[Condition]]?](repeating: nil, count: nodes.count)
        var tidy = [Bool](repeating: false, count: nodes.count)
        let root = nodes.count - 1
        for i in nodes.indices where reachable[i] {
            switch nodes[i] {
            case .condition(let c):
                results[i] = [[c]]
                tidy[i] = true
            case .constant(let b):
                results[i] = b ? [[]] : []
                tidy[i] = true
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
                // Alternatives are always simplified: merging them (`tag = "a" or
                // tag = "b"` → `tag in (…)`) keeps later products small.
                all = GroupListSimplifier.simplify(all)
                if all.count > maxGroups {
                    return .tooManyGroups(error(count: all.count, at: span ?? firstSpan(nodes, i), isAnd: false))
                }
                results[i] = all
                tidy[i] = true
            case .and(let children, let span):
                var operands: [(groups: [[Condition]], tidy: Bool)] = []
                operands.reserveCapacity(children.count)
                for c in children {
                    operands.append((results[c] ?? [], tidy[c]))
                    results[c] = nil
                }
                if operands.contains(where: { $0.groups.isEmpty }) { results[i] = []; tidy[i] = true; continue }
                // Single-group operands first, merged into one group: they never add groups.
                var common: [Condition] = []
                var multi: [(groups: [[Condition]], tidy: Bool)] = []
                for operand in operands {
                    if operand.groups.count == 1 { common += operand.groups[0] } else { multi.append(operand) }
                }
                guard let commonGroup = GroupSimplifier.simplify(common) else { results[i] = []; tidy[i] = true; continue }
                multi.sort { $0.groups.count < $1.groups.count }
                var acc: [[Condition]] = [commonGroup]
                var accTidy = true
                for var operand in multi {
                    var (product, overflow) = acc.count.multipliedReportingOverflow(by: operand.groups.count)
                    if overflow || product > maxGroups {
                        // Judge the limit on simplified operands only.
                        if !accTidy { acc = GroupListSimplifier.simplify(acc); accTidy = true }
                        if !operand.tidy { operand = (GroupListSimplifier.simplify(operand.groups), true) }
                        (product, overflow) = acc.count.multipliedReportingOverflow(by: operand.groups.count)
                    }
                    if overflow || product > maxGroups {
                        let bound = overflow ? Int.max : product
                        return .tooManyGroups(error(count: bound, at: span ?? firstSpan(nodes, i), isAnd: true))
                    }
                    var next: [[Condition]] = []
                    next.reserveCapacity(product)
                    for g in acc {
                        for h in operand.groups {
                            if let merged = GroupSimplifier.simplify(g + h) { next.append(merged) }
                        }
                    }
                    acc = next
                    accTidy = false
                    if acc.count > small { acc = GroupListSimplifier.simplify(acc); accTidy = true }
                    if acc.isEmpty { break }
                }
                if i == root && !accTidy { acc = GroupListSimplifier.simplify(acc); accTidy = true }
                results[i] = acc
                tidy[i] = accTidy
            }
        }
        return .groups(results[root] ?? [])
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
