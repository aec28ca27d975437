import SegqStore
import Foundation

/// Wall and CPU time of the phases of an in-memory load, written to
/// standard error when the environment variable `SEGQ_LOAD_TIMING` is set
/// (for profiling `segq bench`; silent otherwise). CPU time is the whole
/// process's (every thread: parsing workers and column builders) and the
/// calling thread's own, so a serial consumer shows as thread CPU close to
/// the wall time.
enum LoadTiming {
    static let enabled = ProcessInfo.processInfo.environment["SEGQ_LOAD_TIMING"] != nil

    /// A moment: wall, process CPU and this thread's CPU, in nanoseconds.
    struct Mark {
        var wall: UInt64
        var process: Int64
        var thread: Int64
    }

    static func now() -> Mark {
        guard enabled else { return Mark(wall: 0, process: 0, thread: 0) }
        return Mark(wall: DispatchTime.now().uptimeNanoseconds, process: cpuNanos(CLOCK_PROCESS_CPUTIME_ID),
                    thread: cpuNanos(CLOCK_THREAD_CPUTIME_ID))
    }

    static func report(_ phase: String, since start: Mark) {
        guard enabled else { return }
        let end = now()
        func ms(_ ns: Int64) -> String { String(format: "%.1f", Double(ns) / 1e6) }
        fputs("load phase \(phase): \(ms(Int64(end.wall &- start.wall))) ms wall, "
              + "\(ms(end.process - start.process)) ms CPU (this thread \(ms(end.thread - start.thread)) ms)\n", stderr)
    }

    private static func cpuNanos(_ clock: clockid_t) -> Int64 {
        var t = timespec()
        clock_gettime(clock, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }
}
