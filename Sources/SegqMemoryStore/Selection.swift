import SegqStore
/// What an atom selects, resolved against the columns but not yet turned
/// into a bitmap: one resolution serves both evaluation (`bitmap`) and the
/// planner's row estimate (`estimatedCount`), which is exact for
/// everything but unions of set elements and scans of ids.
enum Selection {
    case nothing
    /// An existing bitmap (a posting, a presence bitmap).
    case rows(Bitmap)
    /// Every row not in the bitmap (e.g. `linked = false`).
    case rowsExcept(Bitmap)
    /// Rows of a string column holding one of the codes.
    case stringCodes(StringColumn, [Int32])
    /// Rows of a set column holding one of the element codes.
    case setCodes(SetColumn, [Int32])
    case int64Positions(OrderedColumn<Int64>, Range<Int>)
    case doublePositions(OrderedColumn<Double>, Range<Int>)
    /// Rows whose id satisfies the test (one test per friend).
    case idsWhere((UnsafeBufferPointer<UInt8>) -> Bool)
    /// Rows of a plain string column whose value satisfies the test; `estimate` guesses how many.
    case plainWhere(PlainStringColumn, estimate: Int, (UnsafeBufferPointer<UInt8>) -> Bool)
    case union([Selection])

    func bitmap(rowCount: Int, ids: FriendIdColumn) -> Bitmap {
        switch self {
        case .nothing: return Bitmap(count: rowCount)
        case .rows(let b): return b
        case .rowsExcept(let b): return b.complement()
        case .stringCodes(let column, let codes): return column.rows(codes: codes)
        case .setCodes(let column, let codes): return column.postings.union(codes)
        case .int64Positions(let column, let positions): return column.rows(atPositions: positions)
        case .doublePositions(let column, let positions): return column.rows(atPositions: positions)
        case .idsWhere(let test):
            var out = Bitmap(count: rowCount)
            for row in 0 ..< min(rowCount, ids.count) where ids.withBytes(row, test) { out.insert(row) }
            return out
        case .plainWhere(let column, _, let test):
            return column.rows(where: test)
        case .union(let parts):
            var out = Bitmap(count: rowCount)
            for p in parts { out.formUnion(p.bitmap(rowCount: rowCount, ids: ids)) }
            return out
        }
    }

    /// Rows selected: exact except where noted on the type.
    func estimatedCount(rowCount: Int) -> Int {
        switch self {
        case .nothing: return 0
        case .rows(let b): return b.cardinality
        case .rowsExcept(let b): return rowCount - b.cardinality
        case .stringCodes(let column, let codes): return column.count(codes: codes)
        case .setCodes(let column, let codes):
            let sum = codes.reduce(0) { $0 + Int(column.counts[Int($1)]) }
            return min(sum, column.presence.count)
        case .int64Positions(_, let positions): return positions.count
        case .doublePositions(_, let positions): return positions.count
        case .idsWhere: return max(1, rowCount / 10)
        case .plainWhere(let column, let estimate, _): return min(estimate, column.presence.count)
        case .union(let parts):
            return min(rowCount, parts.reduce(0) { $0 + $1.estimatedCount(rowCount: rowCount) })
        }
    }
}
