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

    /// The first and last day of the week, month or year containing `day`,
    /// or of the one `back` units before it. Weeks start on Monday.
    static func period(_ unit: PeriodUnit, back: Int64, fromDay day: Int64) -> (first: Int64, last: Int64) {
        let clampedDay = max(-farDay, min(farDay, day))
        switch unit {
        case .week:
            // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
            let monday = clampedDay - ((clampedDay + 3) % 7 + 7) % 7 - 7 * back
            return (monday, monday + 6)
        case .month:
            let first = addingMonths(-back, toDay: clampedDay - Int64(dayOfMonth(clampedDay)) + 1)
            let date = CalendarDate(daysSinceEpoch: Int(first))
            return (first, first + Int64(CalendarDate.daysInMonth(year: date.year, month: date.month)) - 1)
        case .year:
            let date = CalendarDate(daysSinceEpoch: Int(clampedDay))
            let year = date.year - Int(back)
            return (Int64(CalendarDate(year: year, month: 1, day: 1).daysSinceEpoch),
                    Int64(CalendarDate(year: year, month: 12, day: 31).daysSinceEpoch))
        }
    }

    private static func dayOfMonth(_ day: Int64) -> Int {
        CalendarDate(daysSinceEpoch: Int(day)).day
    }
}
