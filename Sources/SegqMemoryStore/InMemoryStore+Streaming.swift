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

    /// The count and the first `limit` rows. A single atom (or its
    /// negation) is counted from its column and its first rows found by
    /// testing the first blocks; anything else is one stream, whose first
    /// matching blocks give the rows as the count passes them.
    public func streamedPreview(_ expr: PhysicalExpr, limit: Int) -> (count: Int, rows: [Int])? {
        switch expr {
        case .atom, .not(.atom), .all, .none:
            guard let n = streamedCount(expr) else { return nil }
            if n == 0 || limit <= 0 { return (n, []) }
            return (n, blockStream(expr, forFirstRows: true).firstRows(limit: limit))
        default:
            return blockStream(expr, forFirstRows: false).preview(limit: limit)
        }
    }

    /// The stream of `expr`. For first rows alone a range on an ordered
    /// column is tested row by row on the blocks read (they are few); for
    /// a count (and a preview) it is read from two checkpoints when its
    /// bounds sit on them, else made into a bitmap once from the sorted order.
    func blockStream(_ expr: PhysicalExpr, forFirstRows: Bool,
                     blockWords: Int = BlockStream.defaultBlockWords) -> BlockStream {
        var builder = BlockStreamBuilder(store: self, perRowRanges: forFirstRows)
        let root = builder.node(expr)
        return BlockStream(rowCount: count, root: root, operands: builder.operands, rowLists: builder.rowLists,
                           sortedRuns: builder.sortedRuns, tests: builder.tests, blockWords: blockWords)
    }
}

/// Resolves a `PhysicalExpr`'s atoms to block-stream operands.
struct BlockStreamBuilder {
    let store: InMemoryStore
    let perRowRanges: Bool
    private(set) var operands: [[UInt64]] = []
    private(set) var rowLists: [SortedRows] = []
    private(set) var sortedRuns: [SortedRunBlocks] = []
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

    /// A union of groups rewritten so that each condition is read as few
    /// times as possible. The normal form distributes `(a ∨ b) ∧ (c ∨ d)`
    /// into four groups that read each condition twice; factoring gives it
    /// back: conditions every group shares are pulled out
    /// (`(a ∧ x) ∨ (b ∧ x)` = `(a ∨ b) ∧ x`), then the condition most
    /// groups hold (`(x ∧ a) ∨ (x ∧ b) ∨ c` = `(x ∧ (a ∨ b)) ∨ c`), and the
    /// result is factored again. Only Boolean identities are used, so the
    /// rows are the same. nil when there is nothing to share.
    static func factorOutCommonConditions(_ groups: [PhysicalExpr]) -> PhysicalExpr? {
        guard groups.count > 1 else { return nil }
        let factored = factor(groups.map(conjuncts), depth: 0)
        return factored == .or(groups) ? nil : factored
    }

    private static func conjuncts(_ e: PhysicalExpr) -> [PhysicalExpr] {
        if case .and(let parts) = e { return parts }
        return [e]
    }

    private static func conjunction(_ parts: [PhysicalExpr]) -> PhysicalExpr {
        parts.count == 1 ? parts[0] : .and(parts)
    }

    private static func isNegated(_ e: PhysicalExpr) -> Bool {
        if case .not = e { return true }
        return false
    }

    /// The union of `groups` (each an intersection of its conditions), factored.
    private static func factor(_ groups: [[PhysicalExpr]], depth: Int) -> PhysicalExpr {
        if groups.contains(where: \.isEmpty) { return .all }
        if groups.count == 1 { return conjunction(groups[0]) }
        let plain = PhysicalExpr.or(groups.map(conjunction))
        if depth > 8 { return plain }
        // Conditions in every group.
        var common: [PhysicalExpr] = []
        for c in groups[0] where !common.contains(c) && groups.dropFirst().allSatisfy({ $0.contains(c) }) {
            common.append(c)
        }
        if !common.isEmpty {
            let rest = groups.map { $0.filter { !common.contains($0) } }
            let union = factor(rest, depth: depth + 1)
            let positive = common.filter { !isNegated($0) }, negated = common.filter(isNegated)
            if union == .all { return conjunction(positive + negated) }
            return .and([union] + positive + negated)
        }
        // The condition held by most groups (first met on ties), if by more than one.
        var best: PhysicalExpr?
        var bestCount = 1
        for group in groups {
            for c in group {
                let n = groups.reduce(0) { $0 + ($1.contains(c) ? 1 : 0) }
                if n > bestCount { best = c; bestCount = n }
            }
        }
        guard let x = best else { return plain }
        let with = groups.filter { $0.contains(x) }.map { $0.filter { $0 != x } }
        let without = groups.filter { !$0.contains(x) }
        let shared = factor(with, depth: depth + 1)
        let left: [PhysicalExpr] = shared == .all ? [x] : [x] + conjuncts(shared)
        let right = conjuncts(factor(without, depth: depth + 1))
        return factor([left, right], depth: depth + 1)
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

    /// Dense postings are read in place as bitmaps, sparse ones as row lists.
    private mutating func postingNode(_ codes: [Int32], _ index: PostingIndex) -> BlockStream.Node {
        var parts: [BlockStream.Node] = []
        for code in codes {
            if let dense = index.denseBitmap(code) {
                parts.append(bitmap(dense))
            } else if let list = index.sortedRows(code), list.count > 0 {
                rowLists.append(list)
                parts.append(.rowList(rowLists.count - 1))
            }
        }
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
        if !perRowRanges {
            guard let run = SortedRunBlocks(column, positions: positions) else {
                return bitmap(column.rows(atPositions: positions))
            }
            sortedRuns.append(run)
            return .sortedRun(sortedRuns.count - 1)
        }
        let lower = column.sortedValue(positions.lowerBound), upper = column.sortedValue(positions.upperBound - 1)
        tests.append { first, count, out, filter in
            column.fillRows(from: lower, through: upper, firstWord: first, words: count, into: out, filter: filter)
        }
        return .test(tests.count - 1)
    }
}
