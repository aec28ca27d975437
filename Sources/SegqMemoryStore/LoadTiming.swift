import SegqStore
import Foundation

/// Wall time of the phases of an in-memory load, written to standard
/// error when the environment variable `SEGQ_LOAD_TIMING` is set (for
/// profiling `segq bench`; silent otherwise).
enum LoadTiming {
    static let enabled = ProcessInfo.processInfo.environment["SEGQ_LOAD_TIMING"] != nil

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func report(_ phase: String, since start: UInt64) {
        guard enabled else { return }
        let ms = Double(now() &- start) / 1e6
        FileHandle.standardError.write(Data("load phase \(phase): \(String(format: "%.1f", ms)) ms\n".utf8))
    }
}
