import SegqSyntax

/// A checked query as a value type, independent of the syntax tree.
/// Spans are kept only to name sub-expressions in diagnostics.
public indirect enum QueryNode: Hashable, Sendable {
    case condition(Condition)
    case and([QueryNode], Span?)
    case or([QueryNode], Span?)
    case not(QueryNode, Span?)
    /// Always true or always false (e.g. an empty expansion).
    case constant(Bool)
}

public struct TypedQuery: Hashable, Sendable {
    public var root: QueryNode

    public init(_ root: QueryNode) {
        self.root = root
    }
}
