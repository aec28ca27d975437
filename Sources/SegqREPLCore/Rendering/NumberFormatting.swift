import SegqBasics

/// Locale-independent formatting of counts and durations for REPL output.
enum NumberFormatting {
    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        NumberText.grouped(value)
    }

    /// `1 friend`, `1,234 friends`.
    static func friends(_ count: Int) -> String {
        CountedNoun.grouped(count, "friend")
    }

    /// A duration for people: `0.42 ms`, `12.3 ms`, `1.25 s`.
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        if milliseconds < 1 { return fixed(milliseconds, digits: 2) + " ms" }
        if milliseconds < 1_000 { return fixed(milliseconds, digits: 1) + " ms" }
        return fixed(milliseconds / 1_000, digits: 2) + " s"
    }

    /// `value` rounded to `digits` decimals, without Foundation.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return value.isFinite ? "\(value)" : "?" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? sign + String(whole) : sign + String(whole) + "." + fractionText
    }
}

extension NumberFormatting {
    /// The share `count` is of `total`, one decimal: `14.6%`, `100%`, `0%`,
    /// and `< 0.1%` for a non-zero share that would round to nothing.
    static func share(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        if count >= total { return "100%" }
        if count == 0 { return "0%" }
        let percent = Double(count) * 100 / Double(total)
        if percent < 0.05 { return "< 0.1%" }
        let text = fixed(percent, digits: 1)
        return (text == "100.0" ? "99.9" : text) + "%"
    }
}
