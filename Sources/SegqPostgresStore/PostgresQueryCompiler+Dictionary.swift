import SegqStore
import SegqSyntax

/// Text tests (`contains`, `starts with`, `ends with`) on a field with a
/// dictionary of values (`row_value_dictionary`, migration 8): the test
/// runs once per distinct value, A is the OR of the matching values'
/// bitmaps (exact: a value's bitmap holds every friend with it), and the
/// rows of matching values too rare for a bitmap are re-tested.
extension PostgresQueryCompiler {
    /// `field` is the key prefix of the field's value bitmaps; `exact` the
    /// test on a row and `rows` the row ids where it holds, read only
    /// while the field has no dictionary (too many distinct values) or the
    /// bitmaps are stale; `unique` when `rows` yields a row at most once.
    func dictionaryText(_ field: String, _ match: TextMatch, _ key: String, exact: SQLFragment,
                        rows: SQLFragment, unique: Bool) -> BitmapCondition {
        let marker = operands.bitmap(RowBitmapKey.dictionary(field))
        let test = dialect.textMatch("coalesce(d.folded, d.value)", match, key)
        let bits = operands.dictionaryBits(field, where: test)
        let rare = "SELECT unnest(d.rows) FROM row_value_dictionary d WHERE d.account = " + accountKey
            + " AND d.field = " + parameter(.string(field)) + " AND d.rows IS NOT NULL AND " + test
        let holdingRare = operands.source(rare, id: rare.display(dialect), unique: false)
        let without = rows + " AND " + marker + " IS NULL"
        let holdingWithout = operands.source(without, id: without.display(dialect), unique: unique)
        let approx = bit(bits)
        return BitmapCondition(bits: "coalesce(" + bits + ", " + operands.zero + ")", approx: approx, exact: exact,
                               retest: "(" + approx + " OR " + holdingRare + " OR " + holdingWithout + ")")
    }
}
