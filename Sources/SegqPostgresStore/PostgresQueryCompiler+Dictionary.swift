import SegqStore
import SegqSyntax

/// Text tests (`contains`, `starts with`, `ends with`) on a field with a
/// dictionary of values (`row_value_dictionary`, migration 8): the test
/// runs once per distinct value, A is the OR of the matching values'
/// bitmaps (exact: a value's bitmap holds every friend with it), and the
/// rows of matching values too rare for a bitmap are re-tested.
extension PostgresQueryCompiler {
    /// `field` is the key prefix of the field's value bitmaps; `exact` the
    /// test on a row and `rows` its row ids, used while the field has no
    /// dictionary (too many distinct values) or the bitmaps are stale.
    /// `exactReadsRow`: whether `exact` reads a column of the row (a
    /// name) rather than testing the row id.
    func dictionaryText(_ field: String, _ match: TextMatch, _ key: String, exact: SQLFragment,
                        rows: SQLFragment, exactReadsRow: Bool = false) -> BitmapCondition {
        let marker = operands.bitmap(RowBitmapKey.dictionary(field))
        let test = dialect.textMatch("coalesce(d.folded, d.value)", match, key)
        let bits = operands.dictionaryBits(field, where: test)
        let rare = "SELECT unnest(d.rows) FROM row_value_dictionary d WHERE d.account = " + accountParameter
            + " AND d.field = " + parameter(.string(field)) + " AND d.rows IS NOT NULL AND " + test
        operands.addDifference(rare, id: rare.display(dialect))
        let without = rows + " AND " + marker + " IS NULL"
        operands.addDifference(without, id: without.display(dialect))
        let approx = bit(bits)
        return BitmapCondition(bits: "coalesce(" + bits + ", " + operands.zero + ")", approx: approx, exact: exact,
                               freshExact: "CASE WHEN " + marker + " IS NULL THEN " + exact + " ELSE " + approx
                                   + " OR friends.row_id IN (" + rare + ") END", readsRow: exactReadsRow)
    }
}
