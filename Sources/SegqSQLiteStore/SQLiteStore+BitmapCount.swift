import SegqStore
/// Counts of compound queries (AND/OR/NOT of several atoms) as one SQL
/// statement on row-id bitmaps: `SELECT segq_count(segq_and(…, segq_or(…)))`.
/// Each atom becomes a bitmap — a stored one (`SQLiteStore+Bitmaps`) for
/// flags and ranges on ordered columns (plus at most two short index ranges),
/// otherwise `segq_bits` over the atom's index select — so no friend row is
/// looked up, however large the intermediate sets.
extension SQLiteStore {
    /// The expression with nested AND/OR flattened, one-child AND/OR
    /// unwrapped and double negations removed (the resolver's normal form
    /// wraps atoms in groups; the fast paths look for bare atoms).
    static func simplified(_ e: PhysicalExpr) -> PhysicalExpr {
        switch e {
        case .not(let inner):
            let s = simplified(inner)
            if case .not(let x) = s { return x }
            return .not(s)
        case .and(let parts):
            var out: [PhysicalExpr] = []
            for p in parts {
                let s = simplified(p)
                if case .and(let xs) = s { out += xs } else { out.append(s) }
            }
            return out.count == 1 ? out[0] : .and(out)
        case .or(let parts):
            var out: [PhysicalExpr] = []
            for p in parts {
                let s = simplified(p)
                if case .or(let xs) = s { out += xs } else { out.append(s) }
            }
            return out.count == 1 ? out[0] : .or(out)
        default:
            return e
        }
    }

    /// True when the bitmap count is used for `expr` (simplified): it combines
    /// several atoms. A lone atom or negated atom is an index count.
    static func usesBitmaps(_ expr: PhysicalExpr) -> Bool {
        switch expr {
        case .and(let xs), .or(let xs): return xs.count > 1
        case .not(let x): return usesBitmaps(x)
        default: return false
        }
    }

    /// `SELECT segq_count(…)` for `expr`.
    func bitmapCountQuery(_ expr: PhysicalExpr) throws -> SQLFragment {
        let builder = BitmapSQL(keys: try bitmapKeys(), statistics: try statistics(),
                                intact: { [unowned self] key in storedBitmapIsIntact(key) })
        let body = builder.bitmap(expr)
        // Each distinct leaf bitmap once, however often the normal form repeats it.
        let ctes = builder.leaves.enumerated().map { i, leaf in
            SQLFragment("leaf\(i)(b) AS MATERIALIZED (SELECT ") + leaf + ")"
        }
        let with = ctes.isEmpty ? SQLFragment("") : "WITH " + SQLFragment.joined(ctes, separator: ", ") + " "
        return with + "SELECT segq_count(" + body + ")"
    }
}

/// Builds the bitmap expression of a `PhysicalExpr`. Leaves (stored
/// bitmaps, index scans) are collected in `leaves`, each once, and referred
/// to as `(SELECT b FROM leafN)`: the caller defines them as materialised CTEs.
private final class BitmapSQL {
    let keys: Set<String>
    let statistics: SQLiteStatistics
    /// Whether a stored bitmap passes its checks (`storedBitmapIsIntact`).
    let intact: (String) -> Bool
    var compiler: SQLCompiler<SQLiteDialect> { SQLiteStore.compiler }
    private(set) var leaves: [SQLFragment] = []
    private var leafIndex: [SQLFragment: Int] = [:]

    init(keys: Set<String>, statistics: SQLiteStatistics, intact: @escaping (String) -> Bool) {
        self.keys = keys
        self.statistics = statistics
        self.intact = intact
    }

    static let empty: SQLFragment = "zeroblob(0)"

    /// A reference to the leaf bitmap computed by `sql` (a scalar expression).
    func leaf(_ sql: SQLFragment) -> SQLFragment {
        let i: Int
        if let known = leafIndex[sql] {
            i = known
        } else {
            i = leaves.count
            leaves.append(sql)
            leafIndex[sql] = i
        }
        return SQLFragment("(SELECT b FROM leaf\(i))")
    }

    func stored(_ key: String) -> SQLFragment? {
        guard keys.contains(key), intact(key) else { return nil }
        return leaf("(SELECT bits FROM row_bitmaps WHERE key = " + .parameter(.string(key)) + ")")
    }

    var all: SQLFragment { stored("all") ?? leaf("(SELECT segq_bits(row_id) FROM friend_facts)") }

    /// `name(args…)`; long argument lists of the associative `segq_and`/`segq_or`
    /// are nested (SQLite takes at most 127 arguments).
    func call(_ name: String, _ args: [SQLFragment]) -> SQLFragment {
        if args.count > Self.maxArguments {
            let chunks = stride(from: 0, to: args.count, by: Self.maxArguments).map {
                call(name, Array(args[$0..<min($0 + Self.maxArguments, args.count)]))
            }
            return call(name, chunks)
        }
        return SQLFragment(name + "(") + SQLFragment.joined(args, separator: ", ") + ")"
    }

    static let maxArguments = 100

    func bitmap(_ e: PhysicalExpr) -> SQLFragment {
        switch e {
        case .all: return all
        case .none: return Self.empty
        case .and(let xs):
            if xs.isEmpty { return all }
            return xs.count == 1 ? bitmap(xs[0]) : call("segq_and", xs.map(bitmap))
        case .or(let xs):
            if xs.isEmpty { return Self.empty }
            return xs.count == 1 ? bitmap(xs[0]) : call("segq_or", xs.map(bitmap))
        case .not(let x):
            return call("segq_andnot", [all, bitmap(x)])
        case .atom(let atom):
            if let fast = storedAtom(atom) { return fast }
            return bitmap(compiler.rowSet(atom))
        case .members:
            return bitmap(compiler.rowSet(e))
        }
    }

    /// The bitmap of a compiler row set.
    func bitmap(_ set: SQLCompiler<SQLiteDialect>.RowSet) -> SQLFragment {
        switch set {
        case .all: return all
        case .none: return Self.empty
        case .rows(let condition, _):
            for column in SQLiteStore.flagColumns
            where condition.display(compiler.dialect)
                == (SQLFragment("\(column) = ") + compiler.parameter(.bool(true))).display(compiler.dialect) {
                if let s = stored("flag:" + column) { return s }
            }
            return leaf("(SELECT segq_bits(row_id) FROM friend_facts WHERE " + condition + ")")
        case .select(let sql):
            return leaf("(WITH picked(r) AS (" + sql + ") SELECT segq_bits(r) FROM picked)")
        case .intersect(let xs): return call("segq_and", xs.map(bitmap))
        case .union(let xs): return call("segq_or", xs.map(bitmap))
        case .except(let a, let b): return call("segq_andnot", [bitmap(a), bitmap(b)])
        }
    }

    /// Flags and integer ranges from stored bitmaps; nil when not stored.
    func storedAtom(_ atom: Atom) -> SQLFragment? {
        switch ColumnLayout(atom.column) {
        case .flag(let column):
            guard let flag = stored("flag:" + column) else { return nil }
            switch atom.predicate {
            case .present, .equals(.bool(true)): return flag
            case .equals(.bool(false)): return call("segq_andnot", [all, flag])
            default: return nil
            }
        case let .integer(column, _):
            guard case let .range(lower, lowerInclusive, upper, upperInclusive) = atom.predicate else { return nil }
            // As a half-open range [from, to) of integers; nil means unbounded.
            var from: Int64?
            var to: Int64?
            if let lower {
                guard let l = integral(lower) else { return nil }
                if lowerInclusive { from = l } else if l == .max { return Self.empty } else { from = l + 1 }
            }
            if let upper {
                guard let u = integral(upper) else { return nil }
                if !upperInclusive { to = u } else if u != .max { to = u + 1 }
            }
            guard let below = below(column, atom.column, to) else { return nil }
            guard let from else { return below }
            guard let excluded = self.below(column, atom.column, from) else { return nil }
            return call("segq_andnot", [below, excluded])
        case .set(let set):
            switch atom.predicate {
            case .equals(.string(let v)):
                return stored(SQLiteStore.setBitmapKey(set.table, StoredText.nfc(v)))
            case .oneOf(let values) where values.count > 1:
                // One bitmap per element (stored or from the index), ORed.
                return call("segq_or", values.map { bitmap(.atom(Atom(atom.column, .equals($0)))) })
            default:
                return nil
            }
        case let .property(integration, name):
            guard case .equals(.string(let v)) = atom.predicate else { return nil }
            return stored(SQLiteStore.propertyBitmapKey(integration, name, StoredText.nfc(v)))
        default:
            return nil
        }
    }

    /// Rows with a value below `x` (all present values when nil).
    private func below(_ column: String, _ key: Column, _ x: Int64?) -> SQLFragment? {
        guard let x else { return stored("present:" + column) }
        guard let bounds = statistics.histograms[key], let first = bounds.first else { return nil }
        if x <= first { return Self.empty }  // the first bound is the smallest value
        // The largest stored bound ≤ x.
        var lo = 0, hi = bounds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if bounds[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        while i >= 0, !keys.contains("below:\(column):\(bounds[i])") || !intact("below:\(column):\(bounds[i])") { i -= 1 }
        guard i >= 0, let base = stored("below:\(column):\(bounds[i])") else { return nil }
        let bound = bounds[i]
        if bound == x { return base }
        let rest = SQLFragment("(SELECT segq_bits(row_id) FROM friend_facts WHERE \(column) >= ") + .parameter(.int(bound))
            + SQLFragment(" AND \(column) < ") + .parameter(.int(x)) + ")"
        return call("segq_or", [base, leaf(rest)])
    }

    private func integral(_ s: Scalar) -> Int64? {
        switch s {
        case .int(let v): return v
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }
}
