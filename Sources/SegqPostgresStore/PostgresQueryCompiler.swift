import SegqBasics
import SegqStore
import SegqSyntax

/// Compiles a `PhysicalExpr` into ONE PostgreSQL statement over one
/// account's `friends` rows (the push-down).
///
/// Shape: the query is a condition on a `friends` row; a set or property
/// atom is the row's membership (`row_id IN (SELECT friend …)`) in the
/// friends its table's value index yields, a set the server builds once
/// and probes per row; AND, OR and NOT are the SQL operators.
///
/// Semantics (Grammar/README.md "Missing values and negation") are
/// two-valued: every condition this compiler writes is true or false,
/// never NULL (a nullable column's test is wrapped in `coalesce(…, false)`;
/// a row id, never NULL, tested against a set of friends that holds no
/// NULL is never NULL either), so `NOT` is exactly the complement over the
/// account's friends, missing values included. A positive atom is false on
/// a missing value; a scalar of a kind the column cannot hold matches
/// nothing, except that `int` and `number` compare numerically. Strings
/// are bound as their NFC UTF-8 bytes and compared byte-wise; text tests
/// compare `CaseFolding.fold` of both sides. Every literal is a bound parameter.
struct PostgresQueryCompiler {
    let dialect = PostgresDialect()
    /// The account whose friends every statement reads.
    let account: Int32
    /// String lists longer than this are bound as one list parameter.
    static var maxInlineList: Int { 64 }

    /// The statement counting the account's friends that match `expr`.
    func countQuery(_ expr: PhysicalExpr) -> SQLFragment {
        "SELECT count(*) FROM friends WHERE " + scoped(expr)
    }

    /// The statement listing the matching row ids in ascending order, at most `limit`.
    func rowIDQuery(_ expr: PhysicalExpr, limit: Int?) -> SQLFragment {
        var statement = "SELECT row_id FROM friends WHERE " + scoped(expr) + " ORDER BY row_id"
        if let limit { statement += " LIMIT " + .parameter(.int(Int64(max(0, limit)))) }
        return statement
    }

    /// The account's rows where `expr` holds; the condition is parenthesised
    /// whole, so an OR inside it can never reach another account's rows.
    private func scoped(_ expr: PhysicalExpr) -> SQLFragment {
        "friends.account = " + accountParameter + " AND (" + condition(expr) + ")"
    }

    /// The account, bound; named in every subquery too, so each reads its index range of the account.
    private var accountParameter: SQLFragment {
        .parameter(.int(Int64(account))) + "::int4"
    }

    // MARK: Conditions

    /// `expr` as a condition on a `friends` row that is never NULL.
    func condition(_ expr: PhysicalExpr) -> SQLFragment {
        switch expr {
        case .all: return SQLFragment(dialect.trueLiteral)
        case .none: return SQLFragment(dialect.falseLiteral)
        case .atom(let atom): return condition(atom)
        case .members(_, let ids):
            if ids.isEmpty { return SQLFragment(dialect.falseLiteral) }
            return "friends.id IN " + stringList(ids)
        case .not(let inner): return "NOT (" + condition(inner) + ")"
        case .and(let children): return combined(children, " AND ", empty: dialect.trueLiteral)
        case .or(let children): return combined(children, " OR ", empty: dialect.falseLiteral)
        }
    }

    private func combined(_ children: [PhysicalExpr], _ op: String, empty: String) -> SQLFragment {
        if children.isEmpty { return SQLFragment(empty) }
        return balanced(children.map { "(" + condition($0) + ")" }, op)
    }

    /// `parts` joined by `op`, as a balanced tree past a few dozen parts
    /// (the parser nests a flat chain one level per operator).
    private func balanced(_ parts: [SQLFragment], _ op: String) -> SQLFragment {
        if parts.count <= 32 { return SQLFragment.joined(parts, separator: op) }
        let middle = parts.count / 2
        return "(" + balanced(Array(parts[..<middle]), op) + ")" + SQLFragment(op)
            + "(" + balanced(Array(parts[middle...]), op) + ")"
    }

    private var never: SQLFragment { SQLFragment(dialect.falseLiteral) }
    private var always: SQLFragment { SQLFragment(dialect.trueLiteral) }

    private func condition(_ atom: Atom) -> SQLFragment {
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

    private func textColumn(_ name: String, nullable: Bool, _ predicate: Predicate) -> SQLFragment {
        let column = SQLFragment("friends." + name)
        func test(_ c: SQLFragment) -> SQLFragment { nullable ? dialect.isTrue(c) : c }
        let present: SQLFragment = nullable ? column + " IS NOT NULL" : always
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .string else { return never }
            return test(column + " = " + parameter(value))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.isEmpty { return never }
            return test(column + " IN " + scalarList(strings))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string): return test(dialect.range(column, lower, lowerInclusive, upper, upperInclusive))
            default: return never
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            if key.isEmpty { return present }
            return test(dialect.textMatch("coalesce(friends." + SQLFragment(name) + "_folded, " + column + ")", match, key))
        case .isEmpty:
            return never
        }
    }

    private func integerColumn(_ name: String, nullable: Bool, _ predicate: Predicate) -> SQLFragment {
        let column = SQLFragment("friends." + name)
        func test(_ c: SQLFragment) -> SQLFragment { nullable ? dialect.isTrue(c) : c }
        let present: SQLFragment = nullable ? column + " IS NOT NULL" : always
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .numeric else { return never }
            return test(column + " = " + parameter(value))
        case .oneOf(let values):
            let numbers = dialect.distinct(values, of: .numeric)
            if numbers.isEmpty { return never }
            return test(anyEqual(column, numbers))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.numeric): return test(dialect.range(column, lower, lowerInclusive, upper, upperInclusive))
            default: return never
            }
        case .text, .isEmpty:
            return never
        }
    }

    /// A never-missing flag: decided per value.
    private func flagColumn(_ name: String, _ predicate: Predicate) -> SQLFragment {
        let column = SQLFragment("friends." + name)
        let matching: [Bool]
        switch predicate {
        case .present:
            return column + " = " + parameter(.bool(true))
        case .equals(let value):
            guard case .bool(let b) = value else { return never }
            matching = [b]
        case .oneOf(let values):
            matching = [false, true].filter { values.contains(.bool($0)) }
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return always
            case .kind(.bool):
                matching = [false, true].filter { b in
                    let v = Scalar.bool(b)
                    if let lower, lowerInclusive ? v < lower : v <= lower { return false }
                    if let upper, upperInclusive ? upper < v : upper <= v { return false }
                    return true
                }
            default: return never
            }
        case .text, .isEmpty:
            return never
        }
        switch matching.count {
        case 0: return never
        case 1: return column + " = " + parameter(.bool(matching[0]))
        default: return always
        }
    }

    // MARK: set tables

    /// Membership of the row in the friends having an element of `table`
    /// that satisfies `filter`: an uncorrelated `IN` the server runs once,
    /// from the value index, as a hashed set probed per row, however deep
    /// under OR and NOT it stands (a correlated `EXISTS` there is probed
    /// through the index once per row). Never NULL: neither side is.
    private func element(_ table: String, _ filter: SQLFragment?) -> SQLFragment {
        var sql = SQLFragment("friends.row_id IN (SELECT e.friend FROM \(table) e WHERE e.account = ") + accountParameter
        if let filter { sql += " AND " + filter }
        return sql + ")"
    }

    private func setTable(_ set: PostgresSchema.SetTable, _ predicate: Predicate) -> SQLFragment {
        let table = set.table
        let linked: SQLFragment? = set.linked.map { SQLFragment("friends." + $0) + " = " + parameter(.bool(true)) }
        let present = linked ?? always
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .string else { return never }
            return element(table, "e.value = " + parameter(value))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.isEmpty { return never }
            return element(table, "e.value IN " + scalarList(strings))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string): return element(table, dialect.range("e.value", lower, lowerInclusive, upper, upperInclusive))
            default: return never
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            // Every element contains the empty string: "has some element".
            if key.isEmpty { return element(table, nil) }
            return element(table, dialect.textMatch("coalesce(e.value_folded, e.value)", match, key))
        case .isEmpty:
            // Present (linked, where the set can be missing) with no element.
            return "(" + present + ") AND NOT " + element(table, nil)
        }
    }

    // MARK: properties

    private func property(_ integration: PostgresSchema.PropertyIntegration, _ name: String,
                          _ predicate: Predicate) -> SQLFragment {
        func holding(_ filter: SQLFragment?) -> SQLFragment {
            var sql = "friends.row_id IN (SELECT p.friend FROM properties p WHERE p.account = " + accountParameter
                + SQLFragment(" AND p.integration = \(integration.rawValue) AND p.name = ") + parameter(.string(name))
            if let filter { sql += " AND " + filter }
            return sql + ")"
        }
        /// The stored kind and value column that scalars of kind `k` compare with.
        func stored(_ k: ScalarKind) -> (kind: SQLFragment, value: SQLFragment) {
            switch k {
            case .string: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.string.rawValue)"), "p.text_value")
            case .numeric: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.number.rawValue)"), "p.number_value")
            case .bool: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.bool.rawValue)"), "p.bool_value")
            }
        }
        switch predicate {
        case .present:
            return holding(nil)
        case .equals(let value):
            let (kind, column) = stored(value.kind)
            return holding(kind + " AND " + column + " = " + parameter(value))
        case .oneOf(let values):
            var alternatives: [SQLFragment] = []
            for k in [ScalarKind.string, .numeric, .bool] {
                let same = dialect.distinct(values, of: k)
                if same.isEmpty { continue }
                let (kind, column) = stored(k)
                let test = k == .numeric ? anyEqual(column, same) : column + " IN " + scalarList(same)
                alternatives.append("(" + kind + " AND " + test + ")")
            }
            if alternatives.isEmpty { return never }
            return holding("(" + SQLFragment.joined(alternatives, separator: " OR ") + ")")
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return holding(nil)
            case .kind(let k):
                let (kind, column) = stored(k)
                return holding(kind + " AND " + dialect.range(column, lower, lowerInclusive, upper, upperInclusive))
            case .mismatched: return never
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            let (kind, _) = stored(.string)
            if key.isEmpty { return holding(kind) }
            return holding(kind + " AND " + dialect.textMatch("coalesce(p.text_folded, p.text_value)", match, key))
        case .isEmpty:
            return never
        }
    }

    // MARK: pieces

    private func parameter(_ value: Scalar) -> SQLFragment { dialect.parameter(value) }

    /// `(…)` of bound strings for a short list, a select of one list parameter for a long one.
    private func stringList(_ values: [String]) -> SQLFragment {
        if values.count > Self.maxInlineList {
            return "(" + dialect.listValues(.parameter(dialect.listParameter(values.map(PostgresText.nfc)))) + ")"
        }
        return "(" + SQLFragment.joined(values.map { parameter(.string($0)) }, separator: ", ") + ")"
    }

    private func scalarList(_ values: [Scalar]) -> SQLFragment {
        var strings: [String] = []
        for v in values { if case .string(let s) = v { strings.append(s) } }
        if strings.count == values.count { return stringList(strings) }
        return "(" + SQLFragment.joined(values.map(parameter), separator: ", ") + ")"
    }

    /// Numeric equality with any of `values`, one comparison each: an `IN`
    /// list mixing integers and numbers would compare every one as a double.
    private func anyEqual(_ column: SQLFragment, _ values: [Scalar]) -> SQLFragment {
        "(" + SQLFragment.joined(values.map { column + " = " + parameter($0) }, separator: " OR ") + ")"
    }

}
