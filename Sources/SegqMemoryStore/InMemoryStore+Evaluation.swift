import SegqStore
/// Evaluation of the physical query vocabulary (`PhysicalQuery.swift`)
/// over bitmaps. Every result ranges over `0 ..< count`.
extension InMemoryStore {
    /// Rows where the atom holds; false where the column's value is
    /// missing (Grammar/README.md "Missing values and negation").
    public func evaluate(_ atom: Atom) -> Bitmap {
        selection(atom).bitmap(rowCount: count, ids: ids)
    }

    /// Rows where the expression holds. `not` is the complement over every
    /// friend; an `and` intersects its positive parts first (stopping once
    /// empty) and then removes the rows of its negated parts.
    public func evaluate(_ expr: PhysicalExpr) -> Bitmap {
        switch expr {
        case .atom(let atom):
            return evaluate(atom)
        case .and(let parts):
            var result: Bitmap?
            var negated: [PhysicalExpr] = []
            for part in parts {
                if case .not(let inner) = part { negated.append(inner); continue }
                if let r = result, r.isEmpty { return r }
                let rows = evaluate(part)
                if result == nil { result = rows } else { result?.formIntersection(rows) }
            }
            var rows = result ?? allRows
            for inner in negated {
                if rows.isEmpty { break }
                rows.subtract(evaluate(inner))
            }
            return rows
        case .or(let parts):
            var result = Bitmap(count: count)
            for part in parts { result.formUnion(evaluate(part)) }
            return result
        case .not(let inner):
            return evaluate(inner).complement()
        case .members(_, let ids):
            return rows(ofFriendIDs: ids)
        case .all:
            return allRows
        case .none:
            return Bitmap(count: count)
        }
    }

    /// The number of friends the expression selects.
    public func count(_ expr: PhysicalExpr) -> Int {
        if case .atom(let atom) = expr { return count(atom) }
        return evaluate(expr).cardinality
    }

    /// The number of friends the atom selects (exact).
    public func count(_ atom: Atom) -> Int {
        switch selection(atom) {
        case .stringCodes(let column, let codes): return column.count(codes: codes)
        case .int64Positions(_, let positions), .doublePositions(_, let positions): return positions.count
        case let s: return s.bitmap(rowCount: count, ids: ids).cardinality
        }
    }

    /// An estimate of `count(atom)` for the planner: deterministic, and
    /// exact except for unions of set elements (rows holding several of
    /// them count once per element, capped by the present rows) and
    /// text or range tests on ids (a tenth of the friends).
    public func estimatedRows(for atom: Atom) -> Int {
        min(count, max(0, selection(atom).estimatedCount(rowCount: count)))
    }

    /// How the store reads an atom's rows, for `explain`.
    public func access(for atom: Atom) -> InMemoryAccess {
        Selection.access(selection(atom), store: self)
    }

    /// Rows of the friends with these ids; unknown ids are ignored.
    public func rows(ofFriendIDs ids: [String]) -> Bitmap {
        var out = Bitmap(count: count)
        for id in ids { if let r = row(ofId: id) { out.insert(r) } }
        return out
    }
}

/// The access path the in-memory store uses for an atom.
public enum InMemoryAccess: String, Hashable, Sendable {
    /// A posting bitmap per value (set elements, low-cardinality strings), or a presence bitmap.
    case bitmap
    /// Binary search over the sorted order of a time, integer or number column.
    case sortedRange
    /// A pass over the column's codes (high-cardinality strings, ids).
    case scan
}

extension Selection {
    static func access(_ s: Selection, store: InMemoryStore) -> InMemoryAccess {
        switch s {
        case .nothing, .rows, .rowsExcept, .setCodes: return .bitmap
        case .stringCodes(let column, _): return column.isLowCardinality ? .bitmap : .scan
        case .int64Positions, .doublePositions: return .sortedRange
        case .idsWhere, .plainWhere: return .scan
        case .union(let parts):
            let kinds = Set(parts.map { access($0, store: store) })
            return kinds.count == 1 ? kinds.first ?? .bitmap : (kinds.contains(.scan) ? .scan : .sortedRange)
        }
    }
}
