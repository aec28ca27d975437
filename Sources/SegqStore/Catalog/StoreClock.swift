#if canImport(Glibc)
import Glibc
#endif

/// The wall clock every store records change times with (segments, tags,
/// proposals and decisions), in milliseconds since the epoch.
public enum StoreClock {
    public static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
