#if canImport(Glibc)
import Glibc
#endif

/// Returning memory to the system after a large load. Building a store
/// frees many transient buffers (parsed records, growing arrays); glibc
/// keeps freed heap pages mapped, so the process would look far larger
/// than the store. `malloc_trim` gives them back. It is looked up at run
/// time because the Glibc module does not export it; elsewhere this does nothing.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
