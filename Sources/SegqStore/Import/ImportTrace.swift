#if canImport(Glibc)
import Glibc
#endif

/// Phase times of an import on standard error, when `SEGQ_IMPORT_TRACE` is
/// set (for tuning): wall time, and CPU time of the writing thread.
package enum ImportTrace {
    nonisolated(unsafe) package static var enabled = getenv("SEGQ_IMPORT_TRACE") != nil
    nonisolated(unsafe) static var last: (wall: Int64, cpu: Int64) = (0, 0)

    package static func mark(_ phase: String) {
        guard enabled else { return }
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        let now = (wall: StoreClock.nowMillis(), cpu: Int64(ts.tv_sec) * 1_000 + Int64(ts.tv_nsec) / 1_000_000)
        if last.wall != 0 { fputs("import: \(phase) +\(now.wall - last.wall) ms (cpu +\(now.cpu - last.cpu) ms)\n", stderr) }
        last = now
    }
}
