import SegqSemantics
import SegqNormalForm

/// A checked query expanded to groups of AND by De Morgan and distribution
/// alone, with no simplification. The planner's golden tests use it
/// instead of the normaliser so that their plans change only when the
/// planner does; any normal form is valid planner input.
enum PlainDNF {
    static func form(_ query: TypedQuery) -> NormalForm {
        NormalForm(groups(query.root, negated: false).map(Group.init))
    }

    private static func groups(_ node: QueryNode, negated: Bool) -> [[Condition]] {
        switch node {
        case .condition(let c):
            return [[negated ? c.complement : c]]
        case .constant(let b):
            return b != negated ? [[]] : []
        case .not(let inner, _):
            return groups(inner, negated: !negated)
        case .and(let parts, _):
            return negated ? parts.flatMap { groups($0, negated: true) } : product(parts.map { groups($0, negated: false) })
        case .or(let parts, _):
            return negated ? product(parts.map { groups($0, negated: true) }) : parts.flatMap { groups($0, negated: false) }
        }
    }

    /// Every way of picking one group from each operand, concatenated.
    private static func product(_ operands: [[[Condition]]]) -> [[Condition]] {
        operands.reduce([[]]) { acc, options in acc.flatMap { left in options.map { left + $0 } } }
    }
}
