#if canImport(Glibc)
import Glibc
#endif

/// Phase times of an import on standard error, when `SEGQ_IMPORT_TRACE` is
/// set (docs/command-line.md "Environment"): wall and this thread's CPU
/// time of each phase, and the CPU time a store's writer spent on records,
/// so the store's share of an import is told apart from the parsing done
/// on other threads.
package enum ImportTrace {
    nonisolated(unsafe) package static var enabled = getenv("SEGQ_IMPORT_TRACE") != nil
    nonisolated(unsafe) static var last: (wall: Int64, cpu: Int64) = (0, 0)
    /// Thread CPU nanoseconds spent writing records, and the records written.
    nonisolated(unsafe) static var writerNanos: Int64 = 0
    nonisolated(unsafe) static var writerCalls = 0

    package static func threadCPUNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    package static func mark(_ phase: String) {
        guard enabled else { return }
        let now = (wall: StoreClock.nowMillis(), cpu: threadCPUNanos() / 1_000_000)
        if last.wall != 0 { fputs("import: \(phase) +\(now.wall - last.wall) ms (cpu +\(now.cpu - last.cpu) ms)\n", stderr) }
        last = now
        if writerCalls > 0 {
            fputs("import:   of which writing \(writerCalls) records: cpu \(writerNanos / 1_000_000) ms\n", stderr)
            writerNanos = 0
            writerCalls = 0
        }
    }

    /// Runs `body`, adding its thread CPU time to the writer's when tracing.
    @inline(__always)
    package static func writing<T>(_ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = threadCPUNanos()
        defer {
            writerNanos += threadCPUNanos() - start
            writerCalls += 1
        }
        return try body()
    }
}
