import SegqNormalForm

/// A value a field holds in the store, and how many friends match
/// `field = value`.
public struct ValueCount: Hashable, Sendable {
    public var value: String
    /// Nil when counting was not asked for or failed.
    public var count: Int?

    public init(value: String, count: Int?) {
        self.value = value
        self.count = count
    }
}

extension Session {
    /// Known values of the field at `path` (a canonical path) that start
    /// with `prefix` (ignoring case), sorted, at most `limit`; with an
    /// evaluator, each with the number of friends `path = value` matches.
    /// Empty when the field is unknown or its values are not tracked (only
    /// string and set fields are).
    public func suggestValues(for path: String, prefix: String = "", limit: Int = 50,
                              counting evaluator: QueryEvaluator? = nil) -> [ValueCount] {
        guard let store, let field = field(atPath: path),
              let values = store.catalog.values(of: field) else { return [] }
        let folded = prefix.lowercased()
        let chosen = values.filter { folded.isEmpty || $0.lowercased().hasPrefix(folded) }
            .sorted().prefix(max(0, limit))
        return chosen.map { value in
            guard let evaluator else { return ValueCount(value: value, count: nil) }
            // The store's postings count a held value without running a query.
            if let held = store.catalog.friends(holding: value, in: field) { return ValueCount(value: value, count: held) }
            let compilation = compile("\(path) = \(QueryPrinter.stringText(value))")
            return ValueCount(value: value, count: try? evaluator.count(compilation))
        }
    }
}
