/// RFC 3339 text of an instant given as milliseconds since the Unix epoch
/// and the offset to show it in: `2026-06-01T09:30:00Z`,
/// `2026-06-01T18:30:00.250+09:00`. Every instant segq writes as text (query
/// literals, explain, JSON outputs, exports) goes through here.
public enum InstantText {
    /// When the milliseconds are written.
    public enum Fraction: Sendable {
        /// `.250` only when the instant is not on a whole second.
        case whenNonZero
        /// Always three digits (`.000`), as machine-readable outputs do.
        case always
    }

    public static func rfc3339(milliseconds: Int64, offsetSeconds: Int = 0,
                               fraction: Fraction = .whenNonZero) -> String {
        let local = milliseconds &+ Int64(offsetSeconds) &* 1000
        var days = local / 86_400_000, msOfDay = local % 86_400_000
        if msOfDay < 0 { days -= 1; msOfDay += 86_400_000 }
        let date = CalendarDate(daysSinceEpoch: Int(clamping: days))
        let seconds = Int(msOfDay / 1000), millis = Int(msOfDay % 1000)
        var out = date.description + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
            + pad(seconds % 60, 2)
        if millis != 0 || fraction == .always { out += "." + pad(millis, 3) }
        if offsetSeconds == 0 { return out + "Z" }
        let magnitude = abs(offsetSeconds)
        return out + (offsetSeconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
