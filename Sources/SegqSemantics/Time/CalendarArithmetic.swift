import SegqSyntax

/// Month arithmetic on calendar days (Grammar/README.md "Time": `-Nmo`, `-Ny`).
enum CalendarArithmetic {
    /// Years beyond this resolve to days whose instants saturate anyway.
    private static let maxYear: Int64 = 300_000_000
    /// A day index far outside every representable instant.
    private static let farDay: Int64 = 1_000_000_000_000

    /// The same day of the month `months` months after `day` (negative goes
    /// back), clamped to the target month's last day. Monotone in `months`.
    static func addingMonths(_ months: Int64, toDay day: Int64) -> Int64 {
        let clampedDay = max(-farDay, min(farDay, day))
        let date = CalendarDate(daysSinceEpoch: Int(clampedDay))
        let total = Saturating.add(Saturating.add(Saturating.multiply(Int64(date.year), 12), Int64(date.month - 1)), months)
        let year = Saturating.floorDivide(total, 12)
        if year > maxYear { return farDay }
        if year < -maxYear { return -farDay }
        let month = Int(total - year * 12) + 1
        let last = CalendarDate.daysInMonth(year: Int(year), month: month)
        let target = CalendarDate(year: Int(year), month: month, day: min(date.day, last))
        return Int64(target.daysSinceEpoch)
    }
}
