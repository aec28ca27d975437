import SegqBasics
import SegqStore
import SegqSyntax

/// Compiles a `PhysicalExpr` into ONE PostgreSQL statement over one
/// account's `friends` rows (the push-down), reading the account's row
/// bitmaps (`PostgresSchema+RowBitmaps.swift`) once, in a CTE `m`.
///
/// Every condition has three forms (`BitmapCondition`): `bits`, an
/// approximation A as a bitmap (stored bitmaps combined with `&`, `|` and
/// `~`); `approx`, A's bit for one row; and `exact`, the condition on the
/// row. An atom's A is exact where a stored bitmap answers it (a flag, a
/// frequent set or property value); a range is the stored bitmap at the
/// nearest bound, wrong only on the rows between the value and that bound;
/// any other atom (rare values, text tests, friend strings) has A = no one.
/// Every atom names the rows where its A may be wrong (`differences`), so
///
///     count = bit_count(A) + |rows D where exact| − |rows D where approx|
///
/// with D the union of those rows, read by index and re-tested one by
/// one (range rows in one bitmap-OR scan of `friends`, other rows by row
/// id). Previews and lists test `exact` row by row in row order (`get_bit`
/// on the stored bitmaps, indexes for the rest), so a `LIMIT` stops early.
/// While the account's bitmaps are stale every `m` bitmap is NULL: the
/// count is then `count(*)` of `exact`, whose set tests fall back to the
/// value indexes.
///
/// Semantics (Grammar/README.md "Missing values and negation") are
/// two-valued: every condition this compiler writes is true or false,
/// never NULL (a nullable column's test is wrapped in `coalesce(…, false)`;
/// a row id, never NULL, tested against a set of friends that holds no
/// NULL is never NULL either), so `NOT` is exactly the complement over the
/// account's friends, missing values included, and `~` is taken within
/// the account's friends (`m.ball & ~…`). A positive atom is false on
/// a missing value; a scalar of a kind the column cannot hold matches
/// nothing, except that `int` and `number` compare numerically. Strings
/// are bound as their NFC UTF-8 bytes and compared byte-wise; text tests
/// compare `CaseFolding.fold` of both sides. Every literal is a bound parameter.
final class PostgresQueryCompiler {
    let dialect = PostgresDialect()
    /// The account whose friends every statement reads.
    let account: Int32
    /// String lists longer than this are bound as one list parameter.
    static var maxInlineList: Int { 64 }
    /// The bitmaps and re-tested rows of the statement being compiled.
    let operands = PostgresBitmapOperands()

    /// A compiler for one statement over `account`.
    init(account: Int32) { self.account = account }

    /// The statement counting the account's friends that match `expr`.
    func countQuery(_ expr: PhysicalExpr) -> SQLFragment {
        let c = condition(expr)
        var count = "CASE WHEN m.fresh THEN bit_count(" + c.bits + ")"
        // One range's rows are re-tested best by one index-only scan of its
        // column; rows from several indexes, by their row ids.
        if !c.readsRow && (operands.rowDifferences.count > 1 || !operands.differences.isEmpty) {
            count += correctionByRowID(c)
            count += " ELSE (SELECT count(*) FROM friends WHERE " + scoped(c.exact) + ") END"
            return operands.with(account: accountParameter) + " SELECT " + count + " FROM m"
        }
        // Rows of range re-tests, read in one scan; then rows of other
        // re-tests not among those, so no row is counted twice.
        let correction = " + (SELECT count(*) FILTER (WHERE " + c.retest + ") - count(*) FILTER (WHERE " + c.approx
            + ") FROM friends WHERE friends.account = " + accountParameter + " AND "
        let ranges = "(" + SQLFragment.joined(operands.rowDifferences, separator: " OR ") + ")"
        if !operands.rowDifferences.isEmpty { count += correction + ranges + ")" }
        if !operands.differences.isEmpty {
            count += correction + "friends.row_id IN (" + SQLFragment.joined(operands.differences, separator: " UNION ALL ") + ")"
            // A range condition is NULL on a missing value: such a row is not among the range rows.
            if !operands.rowDifferences.isEmpty { count += " AND NOT " + dialect.isTrue(ranges) }
            count += ")"
        }
        count += " ELSE (SELECT count(*) FROM friends WHERE " + scoped(c.exact) + ") END"
        return operands.with(account: accountParameter) + " SELECT " + count + " FROM m"
    }

    /// The correction `|D ∩ exact| − |D ∩ A|` over the row ids of every
    /// re-tested row, each read from an index (a range's rows by an
    /// index-only scan of its column), for a condition whose re-test reads
    /// no column of the row: the rows are never read.
    private func correctionByRowID(_ c: BitmapCondition) -> SQLFragment {
        let ranges = operands.rowDifferences.map { "SELECT friends.row_id FROM friends WHERE " + scoped($0) }
        let all = ranges + operands.differences
        if all.isEmpty { return "" }
        return " + (SELECT count(*) FILTER (WHERE " + c.retest + ") - count(*) FILTER (WHERE " + c.approx
            + ") FROM (SELECT DISTINCT d.row_id FROM (" + SQLFragment.joined(all, separator: " UNION ALL ")
            + ") AS d(row_id)) AS friends(row_id))"
    }

    /// The statement listing the matching row ids in ascending order, at
    /// most `limit`: the rows in row order, each tested exactly.
    func rowIDQuery(_ expr: PhysicalExpr, limit: Int?) -> SQLFragment {
        let c = condition(expr)
        var statement = operands.with(account: accountParameter) + " SELECT friends.row_id FROM m, friends WHERE "
            + scoped(c.exact) + " ORDER BY friends.row_id"
        if let limit { statement += " LIMIT " + .parameter(.int(Int64(max(0, limit)))) }
        return statement
    }

    /// The account's rows where `condition` holds; parenthesised whole, so
    /// an OR inside it can never reach another account's rows.
    func scoped(_ condition: SQLFragment) -> SQLFragment {
        "friends.account = " + accountParameter + " AND (" + condition + ")"
    }

    /// The account, bound; named in every subquery too, so each reads its index range of the account.
    var accountParameter: SQLFragment {
        .parameter(.int(Int64(account))) + "::int4"
    }

    // MARK: Conditions

    func condition(_ expr: PhysicalExpr) -> BitmapCondition {
        switch expr {
        case .all: return everyone
        case .none: return nobody
        case .atom(let atom): return condition(atom)
        case .members(_, let ids):
            if ids.isEmpty { return nobody }
            return rowTest("friends.id IN " + stringList(ids))
        case .not(let inner): return not(condition(inner))
        case .and(let children): return combined(children.map(condition), bits: " & ", " AND ", empty: everyone)
        case .or(let children): return combined(children.map(condition), bits: " | ", " OR ", empty: nobody)
        }
    }

    var everyone: BitmapCondition { BitmapCondition(bits: operands.all, approx: always, exact: always, readsRow: false) }
    var nobody: BitmapCondition { BitmapCondition(bits: operands.zero, approx: never, exact: never, readsRow: false) }

    /// The complement within the account's friends.
    func not(_ c: BitmapCondition) -> BitmapCondition {
        BitmapCondition(bits: "(" + operands.all + " & ~" + c.bits + ")", approx: "NOT (" + c.approx + ")",
                        exact: "NOT (" + c.exact + ")", freshExact: c.freshExact.map { "NOT (" + $0 + ")" },
                        readsRow: c.readsRow)
    }

    func combined(_ children: [BitmapCondition], bits bitOp: String, _ op: String, empty: BitmapCondition) -> BitmapCondition {
        if children.isEmpty { return empty }
        if children.count == 1 { return children[0] }
        return BitmapCondition(bits: balanced(children.map(\.bits), bitOp),
                               approx: balanced(children.map { "(" + $0.approx + ")" }, op),
                               exact: balanced(children.map { "(" + $0.exact + ")" }, op),
                               freshExact: children.contains { $0.freshExact != nil }
                                   ? balanced(children.map { "(" + $0.retest + ")" }, op) : nil,
                               readsRow: children.contains { $0.readsRow })
    }

    /// `parts` joined by `op`, as a balanced tree past a few dozen parts
    /// (the parser nests a flat chain one level per operator).
    private func balanced(_ parts: [SQLFragment], _ op: String) -> SQLFragment {
        if parts.count <= 32 { return "(" + SQLFragment.joined(parts, separator: op) + ")" }
        let middle = parts.count / 2
        return "(" + balanced(Array(parts[..<middle]), op) + SQLFragment(op) + balanced(Array(parts[middle...]), op) + ")"
    }

    var never: SQLFragment { SQLFragment(dialect.falseLiteral) }
    var always: SQLFragment { SQLFragment(dialect.trueLiteral) }

    /// A bitmap stored whenever the bitmaps are fresh (`all`, flags,
    /// presence, non-empty sets): exact; `fallback` is the exact test
    /// while they are stale.
    func stored(_ key: String, fallback: SQLFragment) -> BitmapCondition {
        let column = operands.bitmap(key)
        return BitmapCondition(bits: column, approx: bit(column),
                               exact: "coalesce(get_bit(" + column + ", friends.row_id) = 1, " + fallback + ")",
                               freshExact: bit(column), readsRow: false)
    }

    /// A bitmap stored only for frequent values: where none is stored, A is
    /// no one and the value's rows (`rows`, a select of row ids) are
    /// re-tested; `fallback` tests the row id only.
    func keyed(_ key: String, fallback: SQLFragment, rows: SQLFragment) -> BitmapCondition {
        let column = operands.bitmap(key)
        let difference = rows + " AND " + column + " IS NULL"
        operands.addDifference(difference, id: difference.display(dialect))
        return BitmapCondition(bits: "coalesce(" + column + ", " + operands.zero + ")", approx: bit(column),
                               exact: "coalesce(get_bit(" + column + ", friends.row_id) = 1, " + fallback + ")", readsRow: false)
    }

    /// A test of the row id without a bitmap (`exact`, membership in a
    /// select): A is no one, and the rows where it holds are re-tested.
    func unstored(_ exact: SQLFragment, rows: SQLFragment) -> BitmapCondition {
        operands.addDifference(rows, id: rows.display(dialect))
        return BitmapCondition(bits: operands.zero, approx: never, exact: exact, readsRow: false)
    }

    /// A test of the `friends` row alone, without a bitmap: A is no one,
    /// and the rows where it holds are re-tested in the one scan of
    /// `friends` that reads the range rows.
    func rowTest(_ exact: SQLFragment) -> BitmapCondition {
        operands.addRowDifference(exact, id: exact.display(dialect))
        return BitmapCondition(bits: operands.zero, approx: never, exact: exact)
    }

    /// The bit of `bitmap` at the row, false where there is no bitmap.
    func bit(_ bitmap: SQLFragment) -> SQLFragment {
        "coalesce(get_bit(" + bitmap + ", friends.row_id) = 1, false)"
    }

    private func condition(_ atom: Atom) -> BitmapCondition {
        switch atom.column {
        case .id: return textColumn("id", nullable: false, atom.predicate)
        case .name: return textColumn("name", nullable: true, atom.predicate)
        case .shopifyId: return textColumn("shopify_id", nullable: true, atom.predicate)
        case .hubspotId: return textColumn("hubspot_id", nullable: true, atom.predicate)
        case .klaviyoId: return textColumn("klaviyo_id", nullable: true, atom.predicate)
        case .added: return integerColumn("added_ms", nullable: false, atom.predicate)
        case .shopifyPurchases: return integerColumn("shopify_purchases", nullable: true, atom.predicate)
        case .shopifyLastPurchase: return integerColumn("shopify_last_purchase_ms", nullable: true, atom.predicate)
        case .shopifyCartAbandonedAt: return integerColumn("shopify_cart_abandoned_ms", nullable: true, atom.predicate)
        case .shopifyLinked: return flagColumn("shopify_linked", atom.predicate)
        case .hubspotLinked: return flagColumn("hubspot_linked", atom.predicate)
        case .klaviyoLinked: return flagColumn("klaviyo_linked", atom.predicate)
        case .tag: return setTable(PostgresSchema.friendTags, atom.predicate)
        case .shopifyTag: return setTable(PostgresSchema.shopifyTags, atom.predicate)
        case .hubspotList: return setTable(PostgresSchema.hubspotLists, atom.predicate)
        case .klaviyoList: return setTable(PostgresSchema.klaviyoLists, atom.predicate)
        case .hubspotProperty(let name): return property(.hubspot, name, atom.predicate)
        case .klaviyoProperty(let name): return property(.klaviyo, name, atom.predicate)
        }
    }

    // MARK: friends columns

    /// A friend string column: its `present:` bitmap; other tests have no
    /// bitmap, their rows are read by their test.
    private func textColumn(_ name: String, nullable: Bool, _ predicate: Predicate) -> BitmapCondition {
        let column = SQLFragment("friends." + name)
        func test(_ c: SQLFragment) -> BitmapCondition { rowTest(nullable ? dialect.isTrue(c) : c) }
        let present: BitmapCondition = nullable ? stored(RowBitmapKey.present(name), fallback: column + " IS NOT NULL") : everyone
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .string else { return nobody }
            return test(column + " = " + parameter(value))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.isEmpty { return nobody }
            return test(column + " IN " + scalarList(strings))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string): return test(dialect.range(column, lower, lowerInclusive, upper, upperInclusive))
            default: return nobody
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            if key.isEmpty { return present }
            let exact = dialect.isTrue(dialect.textMatch("coalesce(friends." + SQLFragment(name) + "_folded, " + column + ")", match, key))
            guard name == "name" else { return rowTest(exact) }
            return dictionaryText(RowBitmapKey.nameValue(""), match, key, exact: exact,
                                  rows: "SELECT friends.row_id FROM friends WHERE " + scoped(exact), exactReadsRow: true)
        case .isEmpty:
            return nobody
        }
    }

    /// A time or count column: `present:` and the bound bitmaps.
    private func integerColumn(_ name: String, nullable: Bool, _ predicate: Predicate) -> BitmapCondition {
        let present = nullable
            ? stored(RowBitmapKey.present(name), fallback: "friends." + SQLFragment(name) + " IS NOT NULL")
            : everyone
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .numeric else { return nobody }
            return range(name, present, value, true, value, true)
        case .oneOf(let values):
            let numbers = dialect.distinct(values, of: .numeric)
            return combined(numbers.map { range(name, present, $0, true, $0, true) }, bits: " | ", " OR ", empty: nobody)
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.numeric): return range(name, present, lower, lowerInclusive, upper, upperInclusive)
            default: return nobody
            }
        case .text, .isEmpty:
            return nobody
        }
    }

    /// A numeric range of a column: below the upper bound's bitmap (whose
    /// rows are all present) and not below the lower bound's, within the
    /// present rows (see `below`).
    private func range(_ name: String, _ present: BitmapCondition, _ lower: Scalar?, _ lowerInclusive: Bool,
                       _ upper: Scalar?, _ upperInclusive: Bool) -> BitmapCondition {
        var parts: [BitmapCondition] = []
        if let upper { parts.append(below(name, present, inclusive: upperInclusive, upper)) }
        if let lower {
            parts.append(not(below(name, present, inclusive: !lowerInclusive, lower)))
            if PostgresSchema.nullableRangeColumns.contains(name) && upper == nil { parts.append(present) }
        }
        var c = combined(parts, bits: " & ", " AND ", empty: everyone)
        c.exact = dialect.isTrue(dialect.range("friends." + SQLFragment(name), lower, lowerInclusive, upper, upperInclusive))
        // While fresh: exact on the rows between a value and its bound
        // (read with the column from its index), A's bit elsewhere.
        var between: [SQLFragment] = []
        if let upper { between.append(self.between(name, "f", inclusive: upperInclusive, upper)) }
        if let lower { between.append(self.between(name, "f", inclusive: !lowerInclusive, lower)) }
        let rows = "SELECT f.row_id FROM friends f WHERE f.account = " + accountParameter + " AND "
        let holding = dialect.isTrue(dialect.range("f." + SQLFragment(name), lower, lowerInclusive, upper, upperInclusive))
        let held = SQLFragment.joined(between.map { rows + $0 + " AND " + holding }, separator: " UNION ALL ")
        let reTested = SQLFragment.joined(between.map { rows + $0 }, separator: " UNION ALL ")
        c.freshExact = "(friends.row_id IN (" + held + ") OR (friends.row_id NOT IN (" + reTested + ") AND " + c.approx + "))"
        c.readsRow = false
        return c
    }

    /// The rows of `alias` (a `friends` row) from `value` up to the bound
    /// `operands.below` chose for it: where `below`'s bitmap may be wrong.
    private func between(_ name: String, _ alias: String, inclusive: Bool, _ value: Scalar) -> SQLFragment {
        let last = operands.below(name, inclusive: inclusive, value).last
        let column = SQLFragment(alias + "." + name)
        return "(" + column + (inclusive ? " > " : " >= ") + parameter(value) + " AND " + column + " <= " + last + ")"
    }

    /// `column < value` (`<=` when `inclusive`) as the bitmap of the least
    /// stored bound at or past `value` (the present rows when there is
    /// none); the rows from `value` up to that bound are re-tested.
    private func below(_ name: String, _ present: BitmapCondition, inclusive: Bool, _ value: Scalar) -> BitmapCondition {
        let bits = operands.below(name, inclusive: inclusive, value).bits
        let column = SQLFragment("friends." + name)
        let difference = between(name, "friends", inclusive: inclusive, value)
        operands.addRowDifference(difference, id: difference.display(dialect))
        let chosen = "coalesce(" + bits + ", " + present.bits + ")"
        return BitmapCondition(bits: chosen, approx: bit(chosen),
                               exact: dialect.isTrue(column + (inclusive ? " <= " : " < ") + parameter(value)))
    }

    /// A never-missing flag: its stored bitmap, or the complement.
    private func flagColumn(_ name: String, _ predicate: Predicate) -> BitmapCondition {
        let flag = stored(RowBitmapKey.flag(name), fallback: "friends." + SQLFragment(name))
        let matching: [Bool]
        switch predicate {
        case .present:
            return flag
        case .equals(let value):
            guard case .bool(let b) = value else { return nobody }
            matching = [b]
        case .oneOf(let values):
            matching = [false, true].filter { values.contains(.bool($0)) }
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return everyone
            case .kind(.bool):
                matching = [false, true].filter { b in
                    let v = Scalar.bool(b)
                    if let lower, lowerInclusive ? v < lower : v <= lower { return false }
                    if let upper, upperInclusive ? upper < v : upper <= v { return false }
                    return true
                }
            default: return nobody
            }
        case .text, .isEmpty:
            return nobody
        }
        switch matching {
        case []: return nobody
        case [true]: return flag
        case [false]: return not(flag)
        default: return everyone
        }
    }

    // MARK: pieces

    func parameter(_ value: Scalar) -> SQLFragment { dialect.parameter(value) }

    /// `(…)` of bound strings for a short list, a select of one list parameter for a long one.
    func stringList(_ values: [String]) -> SQLFragment {
        if values.count > Self.maxInlineList {
            return "(" + dialect.listValues(.parameter(dialect.listParameter(values.map(PostgresText.nfc)))) + ")"
        }
        return "(" + SQLFragment.joined(values.map { parameter(.string($0)) }, separator: ", ") + ")"
    }

    func scalarList(_ values: [Scalar]) -> SQLFragment {
        var strings: [String] = []
        for v in values { if case .string(let s) = v { strings.append(s) } }
        if strings.count == values.count { return stringList(strings) }
        return "(" + SQLFragment.joined(values.map(parameter), separator: ", ") + ")"
    }

    /// Numeric equality with any of `values`, one comparison each: an `IN`
    /// list mixing integers and numbers would compare every one as a double.
    func anyEqual(_ column: SQLFragment, _ values: [Scalar]) -> SQLFragment {
        "(" + SQLFragment.joined(values.map { column + " = " + parameter($0) }, separator: " OR ") + ")"
    }

}
