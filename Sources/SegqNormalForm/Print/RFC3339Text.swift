import SegqBasics
import SegqSyntax

/// Instants as RFC 3339 text in UTC with milliseconds (`2026-11-16T00:00:00.000Z`),
/// for machine-readable output. Instants outside years 1–9999 clamp to them.
enum RFC3339Text {
    private static let first: Int64 = -62_135_596_800_000        // 0001-01-01T00:00:00Z
    private static let last: Int64 = 253_402_300_799_999         // 9999-12-31T23:59:59.999Z

    static func utc(_ ms: Int64) -> String {
        let t = min(max(ms, first), last)
        return InstantText.rfc3339(milliseconds: t, fraction: .always)
    }
}
