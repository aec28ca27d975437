import SegqStore

/// Number properties: ranges from the property's bound bitmaps
/// (`row_number_bitmaps`, migration 8), as the range columns of `friends`
/// use theirs; the rows between a value and its bound come from the
/// covering index `properties_by_number`.
extension PostgresQueryCompiler {
    /// The friends whose property `name` holds a number in the range.
    ///
    /// A is `P & below(upper) & ~below(lower)`, P the friends holding a
    /// number (the bound +∞). A property without bitmaps (held by too few
    /// friends, or stale bitmaps) has A = no one and every row of the range
    /// re-tested. The exact test probes the property's row of the friend.
    func numberRange(_ integration: PostgresSchema.PropertyIntegration, _ name: String, _ lower: Scalar?,
                     _ lowerInclusive: Bool, _ upper: Scalar?, _ upperInclusive: Bool) -> BitmapCondition {
        let key = RowBitmapKey.property(integration, name)
        let held = "p.account = " + accountParameter + SQLFragment(" AND p.integration = \(integration.rawValue) AND p.name = ")
            + parameter(.string(name)) + SQLFragment(" AND p.kind = \(PostgresSchema.PropertyKind.number.rawValue)")
        func rows(_ filter: SQLFragment) -> SQLFragment { "SELECT p.friend FROM properties p WHERE " + held + " AND " + filter }
        let test = dialect.range("p.number_value", lower, lowerInclusive, upper, upperInclusive)

        let everyNumber = operands.numberBelow(key, inclusive: false, .number(.infinity)).bits
        let present = BitmapCondition(bits: "coalesce(" + everyNumber + ", " + operands.zero + ")", approx: bit(everyNumber),
                                      exact: always)
        let none = rows(test) + " AND " + everyNumber + " IS NULL"
        operands.addDifference(none, id: none.display(dialect))

        func below(inclusive: Bool, _ value: Scalar) -> BitmapCondition {
            let (bits, bound) = operands.numberBelow(key, inclusive: inclusive, value)
            let between = rows("p.number_value " + (inclusive ? "> " : ">= ") + parameter(value)
                               + " AND p.number_value < " + bound)
            operands.addDifference(between, id: between.display(dialect))
            let chosen = "coalesce(" + bits + ", " + present.bits + ")"
            return BitmapCondition(bits: chosen, approx: bit(chosen), exact: always)
        }
        var parts = [present]
        if let upper { parts.append(below(inclusive: upperInclusive, upper)) }
        if let lower { parts.append(not(below(inclusive: !lowerInclusive, lower))) }
        var c = combined(parts, bits: " & ", " AND ", empty: everyone)
        c.exact = "EXISTS (SELECT 1 FROM properties p WHERE " + held + " AND p.friend = friends.row_id AND " + test + ")"
        c.freshExact = nil
        c.readsRow = false
        return c
    }
}
