import SegqStore

/// Counts and first rows without building the result bitmap
/// (`BitmapStore.streamedCount`): a single atom, or its negation, is
/// counted from the column's own counts (a range on an ordered column is
/// two binary searches); anything else streams through a `BlockStream`.
extension InMemoryStore {
    public func streamedCount(_ expr: PhysicalExpr) -> Int? {
        switch expr {
        case .atom(let atom): return count(atom)
        case .not(.atom(let atom)): return count - count(atom)
        case .all: return count
        case .none: return 0
        default: return blockStream(expr, forFirstRows: false).count()
        }
    }

    public func streamedFirstRows(_ expr: PhysicalExpr, limit: Int) -> [Int]? {
        blockStream(expr, forFirstRows: true).firstRows(limit: limit)
    }

    /// The stream of `expr`. For first rows a range on an ordered column
    /// is tested row by row on the blocks read (a preview reads few); for
    /// a count it is turned into a bitmap once, from the sorted order.
    func blockStream(_ expr: PhysicalExpr, forFirstRows: Bool,
                     blockWords: Int = BlockStream.defaultBlockWords) -> BlockStream {
        var builder = BlockStreamBuilder(store: self, perRowRanges: forFirstRows)
        let root = builder.node(expr)
        return BlockStream(rowCount: count, root: root, operands: builder.operands, tests: builder.tests,
                           blockWords: blockWords)
    }
}

/// Resolves a `PhysicalExpr`'s atoms to block-stream operands.
struct BlockStreamBuilder {
    let store: InMemoryStore
    let perRowRanges: Bool
    private(set) var operands: [[UInt64]] = []
    private(set) var tests: [BlockStream.RowTest] = []
    /// An atom repeated across groups (the normal form distributes) is resolved once.
    private var resolved: [Atom: BlockStream.Node] = [:]

    init(store: InMemoryStore, perRowRanges: Bool) {
        self.store = store
        self.perRowRanges = perRowRanges
    }

    mutating func node(_ expr: PhysicalExpr) -> BlockStream.Node {
        switch expr {
        case .atom(let atom):
            if let known = resolved[atom] { return known }
            let made = node(store.selection(atom))
            resolved[atom] = made
            return made
        case .and(let parts):
            var positive: [BlockStream.Node] = [], excluded: [BlockStream.Node] = []
            for part in parts {
                if case .not(let inner) = part { excluded.append(node(inner)) } else { positive.append(node(part)) }
            }
            return .and(positive, excluded: excluded)
        case .or(let parts):
            if let factored = BlockStreamBuilder.factorOutCommonConditions(parts) { return node(factored) }
            return .or(parts.map { node($0) })
        case .not(let inner): return .not(node(inner))
        case .members(_, let ids): return bitmap(store.rows(ofFriendIDs: ids))
        case .all: return .all
        case .none: return .none
        }
    }

    /// `(a ∧ x) ∨ (b ∧ x)` as `(a ∨ b) ∧ x`: the normal form distributes, so
    /// its groups repeat conditions (`complex` has four groups sharing two);
    /// read once, they cost one pass instead of one per group. The union
    /// of what remains comes first, the shared conditions after it
    /// (negated ones last). nil when the groups share nothing.
    static func factorOutCommonConditions(_ groups: [PhysicalExpr]) -> PhysicalExpr? {
        guard groups.count > 1 else { return nil }
        let conjuncts = groups.map { group -> [PhysicalExpr] in
            if case .and(let parts) = group { return parts }
            return [group]
        }
        var common = conjuncts[0].filter { c in conjuncts.dropFirst().allSatisfy { $0.contains(c) } }
        common = common.reduce(into: []) { out, c in if !out.contains(c) { out.append(c) } }
        if common.isEmpty { return nil }
        let shared = Set(common)
        let rest = conjuncts.map { $0.filter { !shared.contains($0) } }
        let positive = common.filter { if case .not = $0 { return false } else { return true } }
        let negated = common.filter { if case .not = $0 { return true } else { return false } }
        // A group left with nothing is the shared conditions alone, which cover every other group.
        if rest.contains(where: \.isEmpty) { return .and(positive + negated) }
        let union = PhysicalExpr.or(rest.map { $0.count == 1 ? $0[0] : .and($0) })
        return .and([union] + positive + negated)
    }

    private mutating func bitmap(_ b: Bitmap) -> BlockStream.Node {
        operands.append(b.words)
        return .words(operands.count - 1)
    }

    private mutating func node(_ s: Selection) -> BlockStream.Node {
        switch s {
        case .nothing: return .none
        case .rows(let b): return bitmap(b)
        case .rowsExcept(let b): return .not(bitmap(b))
        case .stringCodes(let column, let codes):
            guard let postings = column.postings else { break }
            return postingNode(codes, postings)
        case .setCodes(let column, let codes):
            return postingNode(codes, column.postings)
        case .int64Positions(let column, let positions):
            return ordered(column, positions)
        case .doublePositions(let column, let positions):
            return ordered(column, positions)
        case .union(let parts):
            return .or(parts.map { node($0) })
        case .idsWhere, .plainWhere:
            break
        }
        return bitmap(s.bitmap(rowCount: store.count, ids: store.ids))
    }

    /// Dense postings are read in place; sparse ones become one bitmap.
    private mutating func postingNode(_ codes: [Int32], _ index: PostingIndex) -> BlockStream.Node {
        var parts: [BlockStream.Node] = []
        var sparse: [Int32] = []
        for code in codes {
            if let dense = index.denseBitmap(code) { parts.append(bitmap(dense)) } else { sparse.append(code) }
        }
        if !sparse.isEmpty { parts.append(bitmap(index.union(sparse))) }
        switch parts.count {
        case 0: return .none
        case 1: return parts[0]
        default: return .or(parts)
        }
    }

    private mutating func ordered<V>(_ column: OrderedColumn<V>, _ positions: Range<Int>) -> BlockStream.Node {
        if positions.isEmpty { return .none }
        if positions.count == column.presentCount { return bitmap(column.presence.bitmap) }
        if column.sortedRows == nil { return .rowRange(positions.lowerBound, positions.upperBound) }
        if !perRowRanges { return bitmap(column.rows(atPositions: positions)) }
        let lower = column.sortedValue(positions.lowerBound), upper = column.sortedValue(positions.upperBound - 1)
        tests.append { first, count, out, filter in
            column.fillRows(from: lower, through: upper, firstWord: first, words: count, into: out, filter: filter)
        }
        return .test(tests.count - 1)
    }
}
