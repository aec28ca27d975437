import SegqBasics
import Foundation

/// UTC offsets of one time zone and the first instant of each local day.
struct ZoneOffsets: Sendable {
    let zone: TimeZone
    /// Set when the zone is known to have a constant offset (UTC and friends).
    private let fixedOffset: Int64?

    private static let day: Int64 = 86_400_000
    /// Days beyond this are outside every representable instant.
    private static let maxDay: Int64 = 100_000_000_000

    init(_ zone: TimeZone) {
        self.zone = zone
        fixedOffset = ZoneNames.isUTC(zone.identifier) ? Int64(zone.secondsFromGMT()) * 1000 : nil
    }

    /// The zone's offset from UTC at an instant, in milliseconds.
    func offsetMilliseconds(at ms: Int64) -> Int64 {
        if let fixedOffset { return fixedOffset }
        let date = Date(timeIntervalSince1970: Double(ms) / 1000)
        return Int64(zone.secondsFromGMT(for: date)) * 1000
    }

    /// The first instant whose local calendar day is `day` (local midnight,
    /// or the end of a DST gap that swallows midnight).
    func startOfDay(_ day: Int64) -> Int64 {
        if day > ZoneOffsets.maxDay { return Int64.max }
        if day < -ZoneOffsets.maxDay { return Int64.min }
        let midnight = day * ZoneOffsets.day
        if let fixedOffset { return midnight - fixedOffset }
        // Offsets in force a day either side, and at the instants they suggest.
        let early = offsetMilliseconds(at: midnight - ZoneOffsets.day)
        let late = offsetMilliseconds(at: midnight + ZoneOffsets.day)
        var best: Int64?
        for offset in [early, late, offsetMilliseconds(at: midnight - early), offsetMilliseconds(at: midnight - late)] {
            let t = midnight - offset
            if offsetMilliseconds(at: t) == offset, best.map({ t < $0 }) ?? true { best = t }
        }
        if let best { return best }
        // Midnight falls in a gap: the day starts at the transition, the
        // first instant whose local time is at or after midnight.
        var lo = midnight - max(early, late)   // local time before midnight
        var hi = midnight - min(early, late)   // local time at or after midnight
        if lo > hi { swap(&lo, &hi) }
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if mid + offsetMilliseconds(at: mid) >= midnight { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
