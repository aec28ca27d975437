import SegqStore
import SegqSyntax

/// One atom → one row set, per storage layout.
extension SQLCompiler {
    func rowSet(_ atom: Atom) -> RowSet {
        switch ColumnLayout(atom.column) {
        case let .text(column, folded, nullable):
            return textColumn(column, folded: folded, nullable: nullable, atom.predicate)
        case let .integer(column, nullable):
            return integerColumn(column, nullable: nullable, atom.predicate)
        case let .flag(column):
            return flagColumn(column, atom.predicate)
        case let .set(table):
            return setTable(table, atom.predicate)
        case let .property(integration, name):
            return property(integration, name, atom.predicate)
        }
    }

    // MARK: friends columns

    /// A text column of `friends`: each test is a select of row ids from
    /// `friends` (the wide rows are read only for these).
    private func textColumn(_ column: String, folded: String, nullable: Bool, _ predicate: Predicate) -> RowSet {
        let col = SQLFragment(column)
        func rows(_ condition: SQLFragment) -> RowSet { .select("SELECT row_id FROM friends WHERE " + condition) }
        let present: RowSet = nullable ? rows(col + " IS NOT NULL") : .all
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .string else { return .none }
            return rows(col + " = " + parameter(value))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.isEmpty { return .none }
            if strings.count == 1 { return rows(col + " = " + parameter(strings[0])) }
            return rows(col + " IN " + scalarList(strings))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string): return rows(dialect.range(col, lower, lowerInclusive, upper, upperInclusive))
            default: return .none
            }
        case let .text(match, needle):
            let key = StoredText.fold(StoredText.nfc(needle))
            if key.isEmpty { return present }
            return rows(dialect.textMatch(SQLFragment("coalesce(\(folded), \(column))"), match, key))
        case .isEmpty:
            return .none
        }
    }

    private func integerColumn(_ column: String, nullable: Bool, _ predicate: Predicate) -> RowSet {
        let col = SQLFragment(column)
        let present: RowSet = nullable ? .rows(col + " IS NOT NULL", nullable: false) : .all
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .numeric else { return .none }
            return .rows(col + " = " + parameter(value), nullable: nullable)
        case .oneOf(let values):
            let numbers = dialect.distinct(values, of: .numeric)
            if numbers.isEmpty { return .none }
            if numbers.count == 1 { return .rows(col + " = " + parameter(numbers[0]), nullable: nullable) }
            return .rows(col + " IN " + scalarList(numbers), nullable: nullable)
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.numeric):
                return .rows(dialect.range(col, lower, lowerInclusive, upper, upperInclusive), nullable: nullable)
            default: return .none
            }
        case .text, .isEmpty:
            return .none
        }
    }

    /// A never-missing 0/1 column: decided per value, then `= ?`.
    private func flagColumn(_ column: String, _ predicate: Predicate) -> RowSet {
        let matching: [Bool]
        switch predicate {
        case .present:
            return .rows(SQLFragment(column) + " = " + parameter(.bool(true)), nullable: false)
        case .equals(let value):
            guard case .bool(let b) = value else { return .none }
            matching = [b]
        case .oneOf(let values):
            matching = [false, true].filter { values.contains(.bool($0)) }
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded:
                return .all
            case .kind(.bool):
                matching = [false, true].filter { b in
                    let v = Scalar.bool(b)
                    if let lower, lowerInclusive ? v < lower : v <= lower { return false }
                    if let upper, upperInclusive ? upper < v : upper <= v { return false }
                    return true
                }
            default: return .none
            }
        case .text, .isEmpty:
            return .none
        }
        switch matching.count {
        case 0: return .none
        case 1: return .rows(SQLFragment(column) + " = " + parameter(.bool(matching[0])), nullable: false)
        default: return .all
        }
    }

    // MARK: set tables

    private func setTable(_ set: SQLiteSchema.SetTable, _ predicate: Predicate) -> RowSet {
        let table = set.table
        let present: RowSet = set.linked.map { .rows(SQLFragment("\($0) = ") + parameter(.bool(true)), nullable: false) } ?? .all
        switch predicate {
        case .present:
            return present
        case .equals(let value):
            guard value.kind == .string else { return .none }
            return .select(SQLFragment("SELECT friend FROM \(table) WHERE value = ") + parameter(value))
        case .oneOf(let values):
            let strings = dialect.distinct(values, of: .string)
            if strings.isEmpty { return .none }
            if strings.count == 1 { return .select(SQLFragment("SELECT friend FROM \(table) WHERE value = ") + parameter(strings[0])) }
            if strings.count <= Self.maxMergedValues {
                // One index range per value, each ordered by friend: merged without sorting.
                return .union(strings.map { .select(SQLFragment("SELECT friend FROM \(table) WHERE value = ") + parameter($0)) })
            }
            return .select(SQLFragment("SELECT DISTINCT friend FROM \(table) WHERE value IN ") + scalarList(strings))
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return present
            case .kind(.string):
                return .select(SQLFragment("SELECT DISTINCT friend FROM \(table) WHERE ")
                               + dialect.range("value", lower, lowerInclusive, upper, upperInclusive))
            default: return .none
            }
        case let .text(match, needle):
            let key = StoredText.fold(StoredText.nfc(needle))
            // Every element contains the empty string: "has some element".
            if key.isEmpty { return .select(SQLFragment("SELECT DISTINCT friend FROM \(table)")) }
            // Match the distinct values (one index seek each, far fewer than
            // the rows), then read the friends holding the matching ones.
            let distinct = SQLFragment("""
                SELECT x FROM (WITH RECURSIVE v(x) AS (SELECT min(value) FROM \(table) UNION ALL \
                SELECT (SELECT min(value) FROM \(table) WHERE value > v.x) FROM v WHERE v.x IS NOT NULL) \
                SELECT x FROM v) AS d WHERE x IS NOT NULL AND 
                """)
            let folded = SQLFragment("coalesce((SELECT value_folded FROM \(table) WHERE value = x LIMIT 1), x)")
            return .select(SQLFragment("SELECT DISTINCT friend FROM \(table) WHERE value IN (")
                           + distinct + dialect.textMatch(folded, match, key) + ")")
        case .isEmpty:
            // Friends (linked, where the set can be missing) minus those holding
            // any value: two scans in friend order, merged.
            let candidates: RowSet = set.linked.map { .rows(SQLFragment("\($0) = ") + parameter(.bool(true)), nullable: false) }
                ?? .rows(SQLFragment(dialect.trueLiteral), nullable: false)
            return .except(candidates, .select(SQLFragment("SELECT friend FROM \(table)")))
        }
    }

    // MARK: properties

    private func property(_ integration: SQLiteSchema.PropertyIntegration, _ name: String,
                          _ predicate: Predicate) -> RowSet {
        let base = SQLFragment("SELECT friend FROM properties WHERE integration = \(integration.rawValue) AND name = ")
            + parameter(.string(name))
        /// " AND kind = …" for the stored kind that scalars of kind `k` compare with.
        func kind(_ k: ScalarKind) -> SQLFragment {
            let code: SQLiteSchema.PropertyKind
            switch k {
            case .string: code = .string
            case .numeric: code = .number
            case .bool: code = .bool
            }
            return SQLFragment(" AND kind = \(code.rawValue)")
        }
        switch predicate {
        case .present:
            return .select(base)
        case .equals(let value):
            return .select(base + kind(value.kind) + " AND value = " + parameter(value))
        case .oneOf(let values):
            var alternatives: [SQLFragment] = []
            for k in [ScalarKind.string, .numeric, .bool] {
                let same = dialect.distinct(values, of: k)
                if same.isEmpty { continue }
                let test: SQLFragment = same.count == 1
                    ? " AND value = " + parameter(same[0])
                    : " AND value IN " + scalarList(same)
                alternatives.append(kind(k) + test)
            }
            if alternatives.isEmpty { return .none }
            if alternatives.count == 1 { return .select(base + alternatives[0]) }
            // "(1 AND kind = … AND value …) OR (…)": one alternative per stored kind.
            return .select(base + " AND (" + SQLFragment.joined(alternatives.map { "(1" + $0 + ")" }, separator: " OR ") + ")")
        case let .range(lower, lowerInclusive, upper, upperInclusive):
            switch RangeKind(lower, upper) {
            case .unbounded: return .select(base)
            case .kind(let k):
                return .select(base + kind(k) + " AND " + dialect.range("value", lower, lowerInclusive, upper, upperInclusive))
            case .mismatched: return .none
            }
        case let .text(match, needle):
            let key = StoredText.fold(StoredText.nfc(needle))
            if key.isEmpty { return .select(base + kind(.string)) }
            return .select(base + kind(.string) + " AND " + dialect.textMatch("coalesce(value_folded, value)", match, key))
        case .isEmpty:
            return .none
        }
    }

    // MARK: pieces

}
