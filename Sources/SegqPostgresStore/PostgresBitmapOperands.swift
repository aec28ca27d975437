import SegqStore

/// One condition of a query in the three forms the push-down needs
/// (`PostgresQueryCompiler`). All are never NULL.
struct BitmapCondition {
    /// A `bit varying` of the account's length (`m.*` bitmaps combined):
    /// the condition's approximation A.
    var bits: SQLFragment
    /// A's bit at `friends.row_id`, as a condition.
    var approx: SQLFragment
    /// The exact condition on a `friends` row (previews, stale bitmaps).
    var exact: SQLFragment
    /// The exact condition on a re-tested row while the bitmaps are fresh:
    /// A's bit corrected by the bits `friends.k*` its re-tested row sources
    /// set (`PostgresBitmapOperands.sourceBit`); it reads no column of the row.
    var retest: SQLFragment
    /// For a negation, the bits it complements: `bits` is
    /// `m.ball & ~complemented`, and within an AND that another part
    /// bounds to the account's friends, `~complemented` is enough.
    var complemented: SQLFragment? = nil
}

/// The bitmaps one statement reads, as the columns of its `m` row (a CTE
/// read once), and the sources of the rows where some condition's
/// approximation may differ from the exact condition.
///
/// Each bitmap is read through `s.fresh` (fresh and of this segq's layout,
/// `PostgresSchema.rowBitmapLayout`): otherwise every column is NULL and
/// `m.fresh` is false.
final class PostgresBitmapOperands {
    private var keys: [String: String] = [:]
    private var joins: [SQLFragment] = []
    private var columns: [SQLFragment] = []
    private var ranges: [String: (bits: String, every: String, lower: String, upper: String)] = [:]

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
        storedBits(id: key, table: "row_bitmaps", key: key, filter: "")
    }

    /// The column holding the `bits` of the row of `table` stored under
    /// `key` (and `filter`) while the bitmaps are fresh, read once per
    /// statement under `id`; NULL when there is none.
    private func storedBits(id: String, table: String, key: String, filter: String) -> SQLFragment {
        if let known = keys[id] { return SQLFragment(known) }
        let name = "b\(keys.count)"
        keys[id] = "m." + name
        columns.append(SQLFragment(name + ".bits AS " + name))
        joins.append(SQLFragment(" LEFT JOIN LATERAL (SELECT bits || B'' AS bits FROM \(table) WHERE account = a.account AND key = ")
                     + .parameter(.string(key)) + SQLFragment("\(filter) AND s.fresh) \(name) ON true"))
        return SQLFragment("m." + name)
    }

    /// The bound bitmap nearest to `value` among the stored bounds of one
    /// column (`table` rows named by `filter`, `bound` of SQL type `type`)
    /// and two bounds every column has without a bitmap stored: its least
    /// value (`lowest`, a select of it: no row is below it) and its
    /// greatest value + 1 (`highest`: every row holding a value is below
    /// it). On each side of the value the nearest stored bound is the
    /// candidate, else that side's own; with `nearest` the nearer
    /// candidate is chosen (the one at or past the value when equally
    /// near), otherwise the one at or past the value whenever there is
    /// one: the rows between a bound below the value and the value include
    /// every row holding the bound's own value, which is the whole
    /// interval when the bounds are the column's distinct values (few of
    /// them, as purchases or a score have), so only a column of near
    /// continuous values (times) takes the nearer bound. A bound's bitmap
    /// holds the rows whose value is below it, so for the test `value < v`
    /// it is wrong exactly on the rows whose value lies in `[lower,
    /// upper)`, between the value and the bound. Returns the chosen bitmap
    /// (NULL for the two without one), `every` (true for the greatest
    /// value's bound, false for the least's, NULL otherwise) and the
    /// interval's ends (all NULL when the column has no value).
    func nearestBound(_ table: String, _ filter: SQLFragment, type: String, _ value: SQLFragment,
                      lowest: SQLFragment, highest: SQLFragment?, nearest: Bool,
                      id: String) -> (bits: SQLFragment, every: SQLFragment, lower: SQLFragment, upper: SQLFragment) {
        if let known = ranges[id] {
            return (SQLFragment(known.bits), SQLFragment(known.every), SQLFragment(known.lower), SQLFragment(known.upper))
        }
        let n = ranges.count
        let (name, every, lower, upper) = ("r\(n)", "p\(n)", "l\(n)", "u\(n)")
        ranges[id] = ("m." + name, "m." + every, "m." + lower, "m." + upper)
        columns.append(SQLFragment("\(name).bits AS \(name), \(name).every AS \(every), \(name).lower AS \(lower), \(name).upper AS \(upper)"))
        let v = "(" + value + ")::" + SQLFragment(type)
        let stored = SQLFragment("SELECT bound, bits, NULL::bool AS every FROM \(table) WHERE account = a.account AND ")
            + filter + " AND s.fresh AND bound "
        // A side's own bound is read only when no stored bound is on that side.
        func side(_ nearest: SQLFragment, _ own: SQLFragment?) -> SQLFragment {
            guard let own else { return "(" + nearest + ")" }
            return "(SELECT * FROM ((" + nearest + ") UNION ALL (" + own + ")) o WHERE o.bound IS NOT NULL LIMIT 1)"
        }
        let above = side(stored + ">= " + v + " ORDER BY bound LIMIT 1", highest)
        let below = side(stored + "< " + v + " ORDER BY bound DESC LIMIT 1", lowest)
        // The candidates are ordered by their bounds alone; only the chosen
        // bitmap is read in full.
        var join = SQLFragment(" LEFT JOIN LATERAL (SELECT n.bits || B'' AS bits, n.every, least(n.bound, ") + v
            + ") AS lower, greatest(n.bound, " + v + ") AS upper FROM (SELECT c.bound, c.bits, c.every FROM ("
        join += above + " UNION ALL " + below + ") c ORDER BY " + (nearest ? "" : "c.bound < " + v + ", ")
            + "abs(c.bound::float8 - " + v + "::float8), c.bound DESC LIMIT 1) n) " + SQLFragment(name) + " ON true"
        joins.append(join)
        return (SQLFragment("m." + name), SQLFragment("m." + every), SQLFragment("m." + lower), SQLFragment("m." + upper))
    }

    /// The bitmap of the friends holding a number in the property `key`
    /// (its bound +∞ in `row_number_bitmaps`); NULL when it has none.
    func everyNumber(_ key: String) -> SQLFragment {
        storedBits(id: "every number|" + key, table: "row_number_bitmaps", key: key, filter: " AND bound = 'Infinity'")
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

    // MARK: Re-tested rows

    /// Selects of row ids where an approximation may be wrong. Each sets
    /// its own bit on the rows it yields, so a row read by several is
    /// re-tested once, knowing which of them read it.
    private(set) var sources: [(rows: SQLFragment, unique: Bool)] = []
    private var sourceIDs: [String: Int] = [:]

    /// Bits of one mask column (bigint; the sign bit unused).
    static let bitsPerMask = 63

    /// Adds `rows` (a select of one column, row ids; `unique` when it
    /// yields a row at most once) as a source, once per `id` (a condition
    /// repeated in several groups names its rows once), and returns the
    /// condition that a re-tested row came from it.
    func source(_ rows: SQLFragment, id: String, unique: Bool) -> SQLFragment {
        let index: Int
        if let known = sourceIDs[id] {
            index = known
        } else {
            index = sources.count
            sourceIDs[id] = index
            sources.append((rows, unique))
        }
        return SQLFragment("((friends.k\(index / Self.bitsPerMask) & \(Int64(1) << (index % Self.bitsPerMask))::int8) <> 0)")
    }

    /// The rows to re-test, each once, as `friends(row_id, k0, k1, …)`:
    /// the bits of the sources that yielded it. Nil when there are none.
    func reTestedRows() -> SQLFragment? {
        if sources.isEmpty { return nil }
        let masks = (sources.count + Self.bitsPerMask - 1) / Self.bitsPerMask
        let names = (0..<masks).map { "k\($0)" }
        let alias = SQLFragment(" AS friends(row_id, " + names.joined(separator: ", ") + ")")
        let selects = sources.enumerated().map { index, source -> SQLFragment in
            let bits = (0..<masks).map { mask in
                mask == index / Self.bitsPerMask ? "\(Int64(1) << (index % Self.bitsPerMask))::int8" : "0::int8"
            }
            return "SELECT s.row_id, " + SQLFragment(bits.joined(separator: ", ")) + " FROM (" + source.rows + ") AS s(row_id)"
        }
        if selects.count == 1 && sources[0].unique { return "(" + selects[0] + ")" + alias }
        let ored = names.map { "bit_or(u.\($0))" }.joined(separator: ", ")
        return "(SELECT u.row_id, " + SQLFragment(ored) + " FROM (" + SQLFragment.joined(selects, separator: " UNION ALL ")
            + ") AS u(row_id, " + SQLFragment(names.joined(separator: ", ")) + ") GROUP BY u.row_id)" + alias
    }

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
