import SegqSemantics
import SegqStore

extension Session {
    /// Every tag in the open store with the number of friends holding it:
    /// a database store's tag catalogue (with folders and update times), or,
    /// for friend files loaded in memory, the tags the friends hold
    /// (counted with `evaluator`). Sorted by name as the catalogue is.
    public func tagListing(counting evaluator: QueryEvaluator?) throws -> [TagInfo] {
        switch store {
        case nil:
            return []
        case .sqlite?, .postgres?:
            return try TagCatalog(session: self).list()
        case .memory?:
            return suggestValues(for: Field.tag.path, limit: Int.max, counting: evaluator).map {
                TagInfo(name: $0.value, friendCount: $0.count ?? 0)
            }
        }
    }
}
