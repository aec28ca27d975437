import SegqBasics
import SegqSyntax

/// RFC 3339 instants ↔ milliseconds since the Unix epoch, on UTF-8 bytes
/// (no Foundation: the importers call this once per time field).
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with `t`/`z` in
/// either case and a space allowed for `T` (RFC 3339 §5.6 note). Fractions
/// finer than a millisecond are truncated toward the past. Leap seconds
/// (`:60`) are not accepted.
public enum RFC3339 {
    /// Parses a whole string; nil unless it is exactly one valid instant.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    public static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = p.count
        guard n >= 20 else { return nil }
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for i in at..<(at + count) {
                let d = Int(p[i]) &- 0x30
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), p[4] == 0x2D, let month = digits(5, 2), p[7] == 0x2D,
              let day = digits(8, 2) else { return nil }
        let sep = p[10]
        guard sep == 0x54 || sep == 0x74 || sep == 0x20 else { return nil }
        guard let hour = digits(11, 2), p[13] == 0x3A, let minute = digits(14, 2), p[16] == 0x3A,
              let second = digits(17, 2) else { return nil }
        let date = CalendarDate(year: year, month: month, day: day)
        guard date.isValid, hour <= 23, minute <= 59, second <= 59 else { return nil }
        var i = 19
        var millis = 0
        if p[i] == 0x2E {
            i += 1
            let start = i
            var scale = 100
            while i < n, p[i] >= 0x30, p[i] <= 0x39 {
                millis += Int(p[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < n else { return nil }
        var offsetSeconds = 0
        switch p[i] {
        case 0x5A, 0x7A:
            i += 1
        case 0x2B, 0x2D:
            guard i + 6 == n, let oh = digits(i + 1, 2), p[i + 3] == 0x3A, let om = digits(i + 4, 2),
                  oh <= 23, om <= 59 else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (p[i] == 0x2D ? -1 : 1)
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    /// UTC text with `Z`; milliseconds are written only when not zero
    /// (`2026-03-14T09:21:00Z`, `2026-03-14T09:21:00.250Z`).
    public static func format(_ epochMilliseconds: Int64) -> String {
        InstantText.rfc3339(milliseconds: epochMilliseconds)
    }
}
