import SegqStore

/// One condition of a query in the three forms the push-down needs
/// (`PostgresQueryCompiler`). All three are never NULL.
struct BitmapCondition {
    /// A `bit varying` of the account's length (`m.*` bitmaps combined):
    /// the condition's approximation A.
    var bits: SQLFragment
    /// A's bit at `friends.row_id`, as a condition.
    var approx: SQLFragment
    /// The exact condition on a `friends` row.
    var exact: SQLFragment
    /// The exact condition where it differs while the bitmaps are fresh
    /// (a stored bitmap's bit without its row-by-row fallback), so the
    /// count's re-test reads no column the condition does not test.
    var freshExact: SQLFragment? = nil

    /// Whether `retest` reads a column of the `friends` row (other than
    /// `row_id`): when no condition does, the count re-tests its rows
    /// from their row ids alone, never reading the rows.
    var readsRow = true

    /// The exact condition while the bitmaps are fresh.
    var retest: SQLFragment { freshExact ?? exact }
}

/// The bitmaps one statement reads, as the columns of its `m` row (a CTE
/// read once), and the rows where some condition's approximation may
/// differ from the exact condition.
///
/// Each bitmap is read through `s.fresh` (fresh and of this segq's layout,
/// `PostgresSchema.rowBitmapLayout`): otherwise every column is NULL and
/// `m.fresh` is false.
final class PostgresBitmapOperands {
    private var keys: [String: String] = [:]
    private var joins: [SQLFragment] = []
    private var columns: [SQLFragment] = []
    private var ranges: [String: (bits: String, last: String)] = [:]
    /// Selects of row ids (`friends.row_id` values) where an approximation
    /// may be wrong; the count re-tests exactly those rows.
    private(set) var differences: [SQLFragment] = []

    /// Every friend of the account.
    let all = SQLFragment("m.ball")

    init() {
        // The first bitmap, b0, is every friend (`ball`).
        _ = bitmap(RowBitmapKey.all)
        keys[RowBitmapKey.all] = "m.ball"
    }
    /// No friend: the all bitmap XOR itself.
    let zero = SQLFragment("m.zero")

    /// The column holding the bitmap stored under `key` (NULL when none is stored).
    func bitmap(_ key: String) -> SQLFragment {
        if let known = keys[key] { return SQLFragment(known) }
        let name = "b\(keys.count)"
        keys[key] = "m." + name
        columns.append(SQLFragment(name + ".bits AS " + name))
        joins.append(" LEFT JOIN LATERAL (SELECT bits || B'' AS bits FROM row_bitmaps WHERE account = a.account AND key = "
                     + .parameter(.string(key)) + SQLFragment(" AND s.fresh) \(name) ON true"))
        return SQLFragment("m." + name)
    }

    /// The stored bound bitmap of `column` whose rows all satisfy
    /// `column < value` (or `<=` when `inclusive`) or come right after:
    /// the one at the least bound at or past `value`. Its `last` column is
    /// that bound less one (the largest bigint when there is none).
    func below(_ column: String, inclusive: Bool, _ value: Scalar) -> (bits: SQLFragment, last: SQLFragment) {
        let select = SQLFragment("SELECT bound - 1 AS last, bits || B'' AS bits FROM row_range_bitmaps"
                                 + " WHERE account = a.account AND column_name = '\(column)' AND bound \(inclusive ? ">" : ">=") ")
            + .parameter(value)
        return nearestBound("\(column)|\(inclusive)|\(value)", "r", "h", select) { name, last in
            "\(name).bits AS \(name), coalesce(\(name).last, 9223372036854775807) AS \(last)"
        }
    }

    /// The stored bound bitmap of the number property `key` whose rows all
    /// hold a number below `value` (at most `value` when `inclusive`) or
    /// come right after: the one at the least bound at or past `value`,
    /// with that bound (both NULL when the property has no bitmaps).
    func numberBelow(_ key: String, inclusive: Bool, _ value: Scalar) -> (bits: SQLFragment, bound: SQLFragment) {
        var select = SQLFragment("SELECT bound, bits || B'' AS bits FROM row_number_bitmaps WHERE account = a.account AND key = ")
        select += .parameter(.string(key)) + SQLFragment(" AND bound \(inclusive ? ">" : ">=") ") + numeric(value)
        return nearestBound("number|\(key)|\(inclusive)|\(value)", "n", "u", select) { name, bound in
            "\(name).bits AS \(name), \(name).bound AS \(bound)"
        }
    }

    /// The first row of `select` (bound bitmaps with their `bound`, still
    /// to be ordered) past the value, read once per `id` as two columns of
    /// `m` named from `prefix` and `otherPrefix`: the bitmap and what
    /// `columns` makes of the bound.
    private func nearestBound(_ id: String, _ prefix: String, _ otherPrefix: String, _ select: SQLFragment,
                              columns named: (String, String) -> String) -> (SQLFragment, SQLFragment) {
        if let known = ranges[id] { return (SQLFragment(known.bits), SQLFragment(known.last)) }
        let name = prefix + "\(ranges.count)", other = otherPrefix + "\(ranges.count)"
        ranges[id] = ("m." + name, "m." + other)
        columns.append(SQLFragment(named(name, other)))
        joins.append(" LEFT JOIN LATERAL (" + select + SQLFragment(" AND s.fresh ORDER BY bound LIMIT 1) \(name) ON true"))
        return (SQLFragment("m." + name), SQLFragment("m." + other))
    }

    /// The OR of the stored bitmaps of the values of `field` (a key
    /// prefix) whose dictionary entry satisfies `test` (on `d.value` and
    /// `d.folded`); NULL when no such value has a bitmap.
    func dictionaryBits(_ field: String, where test: SQLFragment) -> SQLFragment {
        let name = "d\(columns.count)"
        columns.append(SQLFragment("\(name).bits AS \(name)"))
        var join = SQLFragment(" LEFT JOIN LATERAL (SELECT bit_or(b.bits) AS bits FROM row_value_dictionary d JOIN row_bitmaps b"
                               + " ON b.account = d.account AND b.key = d.field || d.value WHERE d.account = a.account AND d.field = ")
        join += SQLFragment.parameter(.string(field))
        join += " AND d.rows IS NULL AND " + test
        join += SQLFragment(" AND s.fresh) \(name) ON true")
        joins.append(join)
        return SQLFragment("m." + name)
    }

    /// A bound number as a `float8` (infinity as its literal).
    private func numeric(_ value: Scalar) -> SQLFragment {
        if case .number(let v) = value, v.isInfinite { return SQLFragment(v > 0 ? "'Infinity'::float8" : "'-Infinity'::float8") }
        return .parameter(value) + "::float8"
    }

    /// Adds a select of row ids to re-test exactly, once per `id` (a
    /// condition repeated in several groups names its rows once).
    func addDifference(_ rows: SQLFragment, id: String) {
        if differenceIDs.insert(id).inserted { differences.append(rows) }
    }

    /// Conditions on a `friends` row (ranges from their B-trees) where an
    /// approximation may be wrong: read in one bitmap-OR scan of the rows.
    private(set) var rowDifferences: [SQLFragment] = []

    /// Adds a condition on `friends` rows to re-test exactly, once per `id`.
    func addRowDifference(_ condition: SQLFragment, id: String) {
        if differenceIDs.insert(id).inserted { rowDifferences.append(condition) }
    }
    private var differenceIDs: Set<String> = []

    /// `WITH m AS MATERIALIZED (…)`: one row with `fresh`, `ball`, `zero`
    /// and every bitmap asked for, read once; `|| B''` gives each in full,
    /// so `get_bit` per row does not read it again.
    func with(account: SQLFragment) -> SQLFragment {
        var select: [SQLFragment] = ["coalesce(s.fresh, false) AS fresh", "b0.bits AS ball", "(b0.bits # b0.bits) AS zero"]
        select += columns.dropFirst()
        var sql = "WITH m AS MATERIALIZED (SELECT " + SQLFragment.joined(select, separator: ", ")
            + " FROM (SELECT " + account + " AS account) a LEFT JOIN (SELECT account, fresh AND layout = "
            + SQLFragment("\(PostgresSchema.rowBitmapLayout)") + " AS fresh FROM row_bitmap_state) s ON s.account = a.account"
        for join in joins { sql += join }
        return sql + ")"
    }
}
