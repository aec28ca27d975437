/// Integer arithmetic that clamps instead of trapping: relative times and
/// derived-field comparisons carry user-written counts of any size, and no
/// input may crash. Clamping keeps every mapping monotone, which is all the
/// time semantics rely on.
enum Saturating {
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? (b > 0 ? Int64.max : Int64.min) : r
    }

    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        return o ? (b < 0 ? Int64.max : Int64.min) : r
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? ((a < 0) != (b < 0) ? Int64.min : Int64.max) : r
    }

    /// Floor division (rounds towards −∞), for `b > 0`.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
}
