import SegqBasics
import SegqStore
import SegqSyntax

/// Compiles a `PhysicalExpr` into ONE PostgreSQL statement over one
/// account's `friends` rows (the push-down), reading the account's row
/// bitmaps (`PostgresSchema+RowBitmaps.swift`) once, in a CTE `m`.
///
/// Every condition has four forms (`BitmapCondition`): `bits`, an
/// approximation A as a bitmap (stored bitmaps combined with `&`, `|` and
/// `~`); `approx`, A's bit for one row; `exact`, the condition on the
/// row; and `retest`, the condition on a re-tested row. An atom's A is
/// exact where a stored bitmap answers it (a flag, a frequent set or
/// property value); a range is the stored bitmap at the bound nearest to
/// its value, wrong only on the rows between the value and that bound;
/// any other atom (rare values, text tests, friend strings) has A = no one.
/// Every atom names the rows where its A may be wrong (sources of row
/// ids, `PostgresBitmapOperands.source`), so
///
///     count = bit_count(A) + |rows D where retest| − |rows D where approx|
///
/// with D the union of those rows, each source read once (a range's rows
/// by one index-only scan of its column) and each row of D re-tested
/// once: `retest` reads no column of the row, only A's bits and which
/// sources yielded the row (on a range's rows its bitmap is wrong, so the
/// exact test is its bit negated; on a rare value's rows it holds).
/// Previews and lists test `exact` row by row in row order (`get_bit`
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
/// compare `CaseFolding.fold` of both sides. Every literal of the query is
/// a bound parameter; the account, the store's own key, is written in.
final class PostgresQueryCompiler {
    let dialect = PostgresDialect()
    /// The account whose friends every statement reads.
    let account: Int32
    /// Range columns of instants (milliseconds): values near continuous,
    /// so a range takes the bound nearest to its value on either side.
    static let timeColumns: Set<String> = ["added_ms", "shopify_last_purchase_ms", "shopify_cart_abandoned_ms"]
    /// String lists longer than this are bound as one list parameter.
    static var maxInlineList: Int { 64 }
    /// The bitmaps and re-tested rows of the statement being compiled.
    let operands = PostgresBitmapOperands()

    /// A compiler for one statement over `account`.
    init(account: Int32) { self.account = account }

    /// The statement counting the account's friends that match `expr`:
    /// `bit_count(A)`, plus, over the rows some source may find A wrong
    /// on (each read once, `PostgresBitmapOperands.reTestedRows`), the
    /// rows where the re-test holds less those where A does.
    func countQuery(_ expr: PhysicalExpr) -> SQLFragment {
        let c = condition(expr)
        // A negation's count is the friends' less the count it complements.
        var count = "CASE WHEN m.fresh THEN " + (c.complemented.map { "bit_count(m.ball) - bit_count(" + $0 + ")" }
            ?? "bit_count(" + c.bits + ")")
        if let rows = operands.reTestedRows() {
            count += " + (SELECT count(*) FILTER (WHERE " + c.retest + ") - count(*) FILTER (WHERE " + c.approx
                + ") FROM " + rows + ")"
        }
        count += " ELSE (SELECT count(*) FROM friends WHERE " + scoped(c.exact) + ") END"
        return operands.with(account: accountKey) + " SELECT " + count + " FROM m"
    }

    /// The statement listing the matching row ids in ascending order, at
    /// most `limit`: the rows in row order, each tested exactly.
    func rowIDQuery(_ expr: PhysicalExpr, limit: Int?) -> SQLFragment {
        let c = condition(expr)
        var statement = operands.with(account: accountKey) + " SELECT friends.row_id FROM m, friends WHERE "
            + scoped(c.exact) + " ORDER BY friends.row_id"
        if let limit { statement += " LIMIT " + .parameter(.int(Int64(max(0, limit)))) }
        return statement
    }

    /// The account's rows where `condition` holds; parenthesised whole, so
    /// an OR inside it can never reach another account's rows.
    func scoped(_ condition: SQLFragment) -> SQLFragment {
        "friends.account = " + accountKey + " AND (" + condition + ")"
    }

    /// The account, written into the statement (it is the store's own key,
    /// never a value of the query), so a prepared statement's plan reads
    /// the account's partitions alone; named in every subquery too, so
    /// each reads its index range of the account.
    var accountKey: SQLFragment { SQLFragment("\(account)") }

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

    var everyone: BitmapCondition { BitmapCondition(bits: operands.all, approx: always, exact: always, retest: always) }
    var nobody: BitmapCondition { BitmapCondition(bits: operands.zero, approx: never, exact: never, retest: never) }

    /// The complement within the account's friends.
    func not(_ c: BitmapCondition) -> BitmapCondition {
        BitmapCondition(bits: "(" + operands.all + " & ~" + c.bits + ")", approx: "NOT (" + c.approx + ")",
                        exact: "NOT (" + c.exact + ")", retest: "NOT (" + c.retest + ")", complemented: c.bits)
    }

    func combined(_ children: [BitmapCondition], bits bitOp: String, _ op: String, empty: BitmapCondition) -> BitmapCondition {
        if children.isEmpty { return empty }
        if children.count == 1 { return children[0] }
        var bits = children.map(\.bits)
        if bitOp == " & " {
            // Every stored bitmap is within the account's friends, so one
            // part within them bounds the AND: the others' complements
            // need no `m.ball &` of their own.
            var bounded = children.contains { $0.complemented == nil }
            for (i, child) in children.enumerated() {
                guard let complemented = child.complemented else { continue }
                if bounded { bits[i] = "~" + complemented } else { bounded = true }
            }
        }
        return BitmapCondition(bits: balanced(bits, bitOp),
                               approx: balanced(children.map { "(" + $0.approx + ")" }, op),
                               exact: balanced(children.map { "(" + $0.exact + ")" }, op),
                               retest: balanced(children.map { "(" + $0.retest + ")" }, op))
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
                               retest: bit(column))
    }

    /// A bitmap stored only for frequent values: where none is stored, A is
    /// no one and the value's rows (`rows`, a select of row ids) are the
    /// rows where it holds; `fallback` tests the row id only.
    func keyed(_ key: String, fallback: SQLFragment, rows: SQLFragment, unique: Bool) -> BitmapCondition {
        let column = operands.bitmap(key)
        let difference = rows + " AND " + column + " IS NULL"
        let holding = operands.source(difference, id: difference.display(dialect), unique: unique)
        return BitmapCondition(bits: "coalesce(" + column + ", " + operands.zero + ")", approx: bit(column),
                               exact: "coalesce(get_bit(" + column + ", friends.row_id) = 1, " + fallback + ")",
                               retest: "(" + bit(column) + " OR " + holding + ")")
    }

    /// A test of the row id without a bitmap (`exact`, membership in a
    /// select): A is no one, and `rows` are the rows where it holds.
    func unstored(_ exact: SQLFragment, rows: SQLFragment, unique: Bool = false) -> BitmapCondition {
        let holding = operands.source(rows, id: rows.display(dialect), unique: unique)
        return BitmapCondition(bits: operands.zero, approx: never, exact: exact, retest: holding)
    }

    /// A test of the `friends` row alone, without a bitmap: A is no one,
    /// and the rows where it holds are read by the test.
    func rowTest(_ exact: SQLFragment) -> BitmapCondition {
        unstored(exact, rows: "SELECT friends.row_id FROM friends WHERE " + scoped(exact), unique: true)
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
                                  rows: "SELECT friends.row_id FROM friends WHERE " + scoped(exact), unique: true)
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
        return c
    }

    /// `column < value` (`<=` when `inclusive`), a bigint column, as
    /// `column < t` for an integer t: the bound bitmap nearest to t
    /// (`PostgresBitmapOperands.nearestBound`), wrong only on the rows
    /// between t and that bound, which one index-only scan of the column's
    /// B-tree (it carries the row id) reads; on those rows the exact test
    /// is the bitmap's bit negated. With no bound stored, the present rows,
    /// wrong on the rows at or past t.
    private func below(_ name: String, _ present: BitmapCondition, inclusive: Bool, _ value: Scalar) -> BitmapCondition {
        let exact = dialect.isTrue("friends." + SQLFragment(name) + (inclusive ? " <= " : " < ") + parameter(value))
        switch IntegerThreshold(value, inclusive: inclusive) {
        case .everyValue:
            return BitmapCondition(bits: present.bits, approx: present.approx, exact: exact, retest: present.retest)
        case .noValue:
            return BitmapCondition(bits: operands.zero, approx: never, exact: exact, retest: never)
        case .below(let t):
            let threshold = SQLFragment.parameter(.int(t))
            let column = SQLFragment("f." + name)
            let values = "FROM friends f WHERE f.account = " + accountKey + " AND " + column + " IS NOT NULL AND s.fresh"
            let (bits, every, lower, upper) = operands.nearestBound(
                "row_range_bitmaps", SQLFragment("column_name = '\(name)'"), type: "int8", threshold,
                lowest: "SELECT min(" + column + "), NULL::bit varying, false " + values,
                highest: "SELECT max(" + column + ") + 1, NULL::bit varying, true " + values + " HAVING max(" + column
                    + ") < 9223372036854775807",
                nearest: Self.timeColumns.contains(name), id: "\(name)|\(t)")
            let rows = "SELECT f.row_id FROM friends f WHERE f.account = " + accountKey + " AND " + column
                + " >= coalesce(" + lower + ", " + threshold + ") AND " + column + " <= coalesce(" + upper
                + " - 1, 9223372036854775807)"
            let between = operands.source(rows, id: rows.display(dialect), unique: true)
            // No candidate (no value, or no bound at all): the present rows.
            let chosen = "coalesce(" + bits + ", CASE WHEN " + every + " IS NOT FALSE THEN " + present.bits
                + " ELSE " + operands.zero + " END)"
            return BitmapCondition(bits: chosen, approx: bit(chosen), exact: exact,
                                   retest: "(" + bit(chosen) + " <> " + between + ")")
        }
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
