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
    /// friends, or stale bitmaps) has A = no one and the rows of the range
    /// are the rows where it holds. The exact test probes the property's
    /// row of the friend.
    func numberRange(_ integration: PostgresSchema.PropertyIntegration, _ name: String, _ lower: Scalar?,
                     _ lowerInclusive: Bool, _ upper: Scalar?, _ upperInclusive: Bool) -> BitmapCondition {
        let key = RowBitmapKey.property(integration, name)
        let held = "p.account = " + accountKey + SQLFragment(" AND p.integration = \(integration.rawValue) AND p.name = ")
            + parameter(.string(name)) + SQLFragment(" AND p.kind = \(PostgresSchema.PropertyKind.number.rawValue)")
        func rows(_ filter: SQLFragment) -> SQLFragment { "SELECT p.friend FROM properties p WHERE " + held + " AND " + filter }
        let test = dialect.range("p.number_value", lower, lowerInclusive, upper, upperInclusive)
        let filter = "key = " + SQLFragment.parameter(.string(key))

        // Every friend holding a number: the bitmap at the bound +∞.
        let everyNumber = operands.everyNumber(key)
        let present = BitmapCondition(bits: "coalesce(" + everyNumber + ", " + operands.zero + ")", approx: bit(everyNumber),
                                      exact: always, retest: bit(everyNumber))
        let none = rows(test) + " AND " + everyNumber + " IS NULL"
        let holdingWithout = operands.source(none, id: none.display(dialect), unique: true)

        /// `number < value` (`<=` when `inclusive`): the nearest bound's
        /// bitmap, wrong exactly on the rows between the value and it.
        func below(inclusive: Bool, _ value: Scalar) -> BitmapCondition {
            let v: Double
            switch value {
            case .int(let i): v = Double(i)
            case .number(let d): v = d
            default: return nobody
            }
            let t = v.strictBound(inclusive: inclusive)
            if t.isInfinite { return t > 0 ? present : nobody }
            let threshold = SQLFragment.parameter(.number(t))
            let (bits, every, low, high) = operands.nearestBound(
                "row_number_bitmaps", filter, type: "float8", threshold,
                lowest: "SELECT min(p.number_value), NULL::bit varying, false FROM properties p WHERE " + held + " AND s.fresh",
                highest: nil, nearest: false, id: "number|\(key)|\(t)")
            let between = rows("p.number_value >= " + low + " AND p.number_value < " + high)
            let flipped = operands.source(between, id: between.display(dialect), unique: true)
            // Every number is below the stored bound +∞; none below the least.
            let chosen = "coalesce(" + bits + ", CASE WHEN " + every + " IS NOT FALSE THEN " + present.bits
                + " ELSE " + operands.zero + " END)"
            return BitmapCondition(bits: chosen, approx: bit(chosen), exact: always,
                                   retest: "(" + bit(chosen) + " <> " + flipped + ")")
        }
        var parts = [present]
        if let upper { parts.append(below(inclusive: upperInclusive, upper)) }
        if let lower { parts.append(not(below(inclusive: !lowerInclusive, lower))) }
        var c = combined(parts, bits: " & ", " AND ", empty: everyone)
        c.exact = "EXISTS (SELECT 1 FROM properties p WHERE " + held + " AND p.friend = friends.row_id AND " + test + ")"
        c.retest = "(" + c.retest + " OR " + holdingWithout + ")"
        return c
    }
}
