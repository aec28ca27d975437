import SegqStore
#if canImport(Glibc)
import Glibc
#endif

/// Returning memory to the system after a large load. Building a store
/// frees many transient buffers (parsed records, growing arrays); glibc
/// keeps freed heap pages mapped, so the process would look far larger
/// than the store. `malloc_trim` gives them back. It is looked up at run
/// time because the Glibc module does not export it; elsewhere this does nothing.
enum FreedMemory {
    /// Fixes glibc's threshold for serving allocations from `mmap` at
    /// 256 KiB. By default it grows with every large block freed, until
    /// column buffers come from the heap and leave holes that no trim can
    /// give back. Process-wide; harmless to repeat.
    static func prepareForLoad() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD
        if let symbol = dlsym(nil, "mallopt") {
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 1 << 18)
        }
        #endif
    }

    static func release() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
