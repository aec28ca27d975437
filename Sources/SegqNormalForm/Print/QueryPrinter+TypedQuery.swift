import SegqSemantics

extension QueryPrinter {
    /// A typed query as query text, keeping its structure: parentheses go
    /// around `or` under `and` or `not`, around `and` under `not`, and around
    /// `and` under an `or` of several operands (so the text never mixes
    /// `and` and `or` without parentheses, W0001). Constants print as
    /// `id is not null` / `id is null`; an empty `and` is true, an empty
    /// `or` false. Iterative, so no nesting depth can overflow the stack.
    public static func text(of query: TypedQuery) -> String {
        text(of: query.root)
    }

    public static func text(of root: QueryNode) -> String {
        var out = ""
        var work: [PrintStep] = [.node(root, .top)]
        while let step = work.popLast() {
            switch step {
            case .text(let s):
                out += s
            case .node(let node, let context):
                switch node {
                case .condition(let c):
                    // A condition printed with a leading `not` sits at `not` level: fine anywhere.
                    out += text(of: c)
                case .constant(let b):
                    out += b ? everybodyText : nobodyText
                case .not(let inner, _):
                    out += "not "
                    work.append(.node(inner, .underNot))
                case .and(let children, _):
                    emit(children, joiner: " and ", empty: everybodyText, needsParentheses: context == .underNot,
                         context: context, childContext: .underAnd, into: &work, out: &out)
                case .or(let children, _):
                    emit(children, joiner: " or ", empty: nobodyText,
                         needsParentheses: context == .underNot || context == .underAnd,
                         context: context, childContext: .underOr, into: &work, out: &out)
                }
            }
        }
        return out
    }

    private enum PrintContext: Equatable {
        case top, underOr, underAnd, underNot
    }

    private enum PrintStep {
        case node(QueryNode, PrintContext)
        case text(String)
    }

    private static func emit(_ children: [QueryNode], joiner: String, empty: String, needsParentheses: Bool,
                             context: PrintContext, childContext: PrintContext,
                             into work: inout [PrintStep], out: inout String) {
        if children.isEmpty { out += empty; return }
        if children.count == 1 {
            // A one-operand `and`/`or` is its operand, printed where the operator stood.
            work.append(.node(children[0], context))
            return
        }
        if needsParentheses { out += "(" ; work.append(.text(")")) }
        for (i, child) in children.enumerated().reversed() {
            var context = childContext
            if childContext == .underOr, case .and(let grand, _) = child, grand.count > 1 {
                context = .underNot   // parenthesise `and` inside a multi-operand `or`
            }
            work.append(.node(child, context))
            if i > 0 { work.append(.text(joiner)) }
        }
    }
}
