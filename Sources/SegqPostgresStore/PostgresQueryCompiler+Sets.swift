import SegqBasics
import SegqStore
import SegqSyntax

/// Set fields (`friend_tags`, `shopify_tags`, `hubspot_lists`,
/// `klaviyo_lists`) and properties: a frequent value's stored bitmap, else
/// the value's rows from its index.
extension PostgresQueryCompiler {
    /// Membership of the row in the friends having an element of `table`
    /// that satisfies `filter`: an uncorrelated `IN` the server runs once,
    /// from the value index, as a hashed set probed per row. Never NULL:
    /// neither side is.
    private func element(_ table: String, _ filter: SQLFragment?) -> SQLFragment {
        "friends.row_id IN (" + elementRows(table, filter) + ")"
    }

    /// The row ids holding an element of `table` that satisfies `filter`.
    private func elementRows(_ table: String, _ filter: SQLFragment?) -> SQLFragment {
        var sql = SQLFragment("SELECT e.friend FROM \(table) e WHERE e.account = ") + accountKey
        if let filter { sql += " AND " + filter }
        return sql
    }

    /// A test on the elements without a bitmap.
    private func elements(_ table: String, _ filter: SQLFragment?) -> BitmapCondition {
        unstored(element(table, filter), rows: elementRows(table, filter))
    }

    /// Holding the string `value`: its bitmap when frequent.
    private func holding(_ table: String, _ value: String) -> BitmapCondition {
        let filter = "e.value = " + parameter(.string(value))
        return keyed(RowBitmapKey.setValue(table, value), fallback: element(table, filter), rows: elementRows(table, filter),
                     unique: false)
    }

    func setTable(_ set: PostgresSchema.SetTable, _ predicate: Predicate) -> BitmapCondition {
        let table = set.table
        let linked = set.linked
        var present: BitmapCondition {
            linked.map { stored(RowBitmapKey.flag($0), fallback: "friends." + SQLFragment($0)) } ?? everyone
        }
        var nonEmpty: BitmapCondition { stored(RowBitmapKey.nonEmpty(table), fallback: element(table, nil)) }
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard case .string(let s) = value else { return nobody }
            return holding(table, PostgresText.nfc(s))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.count > Self.maxInlineList { return elements(table, "e.value IN " + scalarList(strings)) }
            return combined(strings.compactMap { v -> BitmapCondition? in
                guard case .string(let s) = v else { return nil }
                return holding(table, s)
            }, bits: " | ", " OR ", empty: nobody)
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string): return elements(table, dialect.range("e.value", lower, lowerInclusive, upper, upperInclusive))
            default: return nobody
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            // Every element contains the empty string: "has some element".
            if key.isEmpty { return nonEmpty }
            let filter = dialect.textMatch("coalesce(e.value_folded, e.value)", match, key)
            return dictionaryText(RowBitmapKey.setValue(table, ""), match, key, exact: element(table, filter),
                                  rows: elementRows(table, filter), unique: false)
        case .isEmpty:
            // Present (linked, where the set can be missing) with no element.
            return combined([present, not(nonEmpty)], bits: " & ", " AND ", empty: everyone)
        }
    }

    // MARK: properties

    func property(_ integration: PostgresSchema.PropertyIntegration, _ name: String,
                  _ predicate: Predicate) -> BitmapCondition {
        func rows(_ filter: SQLFragment?) -> SQLFragment {
            var sql = "SELECT p.friend FROM properties p WHERE p.account = " + accountKey
                + SQLFragment(" AND p.integration = \(integration.rawValue) AND p.name = ") + parameter(.string(name))
            if let filter { sql += " AND " + filter }
            return sql
        }
        func holding(_ filter: SQLFragment?) -> SQLFragment { "friends.row_id IN (" + rows(filter) + ")" }
        func unstoredTest(_ filter: SQLFragment?) -> BitmapCondition { unstored(holding(filter), rows: rows(filter), unique: true) }
        /// The stored kind and value column that scalars of kind `k` compare with.
        func stored(_ k: ScalarKind) -> (kind: SQLFragment, value: SQLFragment) {
            switch k {
            case .string: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.string.rawValue)"), "p.text_value")
            case .numeric: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.number.rawValue)"), "p.number_value")
            case .bool: return (SQLFragment("p.kind = \(PostgresSchema.PropertyKind.bool.rawValue)"), "p.bool_value")
            }
        }
        func equal(_ value: Scalar) -> BitmapCondition {
            if value.kind == .numeric { return numberRange(integration, name, value, true, value, true) }
            let (kind, column) = stored(value.kind)
            let filter = kind + " AND " + column + " = " + parameter(value)
            if case .bool(let b) = value {
                return keyed(RowBitmapKey.propertyBool(integration, name, b), fallback: holding(filter), rows: rows(filter),
                             unique: true)
            }
            guard case .string(let s) = value else { return unstoredTest(filter) }
            return keyed(RowBitmapKey.propertyValue(integration, name, PostgresText.nfc(s)), fallback: holding(filter),
                         rows: rows(filter), unique: true)
        }
        func held() -> BitmapCondition {
            keyed(RowBitmapKey.property(integration, name), fallback: holding(nil), rows: rows(nil), unique: true)
        }
        switch predicate {
        case .present:
            return held()
        case .equals(let value):
            return equal(value)
        case .oneOf(let values):
            let all = [ScalarKind.string, .numeric, .bool].flatMap { dialect.distinct(values, of: $0) }
            if all.count <= Self.maxInlineList { return combined(all.map(equal), bits: " | ", " OR ", empty: nobody) }
            var alternatives: [SQLFragment] = []
            for k in [ScalarKind.string, .numeric, .bool] {
                let same = dialect.distinct(values, of: k)
                if same.isEmpty { continue }
                let (kind, column) = stored(k)
                let test = k == .numeric ? anyEqual(column, same) : column + " IN " + scalarList(same)
                alternatives.append("(" + kind + " AND " + test + ")")
            }
            return unstoredTest("(" + SQLFragment.joined(alternatives, separator: " OR ") + ")")
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return held()
            case .kind(.numeric):
                return numberRange(integration, name, lower, lowerInclusive, upper, upperInclusive)
            case .kind(let k):
                let (kind, column) = stored(k)
                return unstoredTest(kind + " AND " + dialect.range(column, lower, lowerInclusive, upper, upperInclusive))
            case .mismatched: return nobody
            }
        case let .text(match, needle):
            let key = CaseFolding.fold(PostgresText.nfc(needle))
            let (kind, _) = stored(.string)
            if key.isEmpty { return unstoredTest(kind) }
            let filter = kind + " AND " + dialect.textMatch("coalesce(p.text_folded, p.text_value)", match, key)
            return dictionaryText(RowBitmapKey.propertyValue(integration, name, ""), match, key, exact: holding(filter),
                                  rows: rows(filter), unique: true)
        case .isEmpty:
            return nobody
        }
    }
}
