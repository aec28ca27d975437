import SegqStore

/// What the REPL and `propose` show of a result: the exact count and the
/// first friends in store order, and nothing more materialised.
public struct Preview: Hashable, Sendable {
    public var count: Int
    /// At most the preview limit, in store (import) order.
    public var friends: [Friend]

    public init(count: Int, friends: [Friend]) {
        self.count = count
        self.friends = friends
    }
}
