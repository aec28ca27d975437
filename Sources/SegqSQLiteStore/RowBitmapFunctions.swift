import SegqStore
import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQL functions over row-id bitmaps, registered on every store connection
/// so counts of compound queries run as one SQL statement on bitmaps.
///
/// A bitmap is a BLOB of little-endian 64-bit words; bit `r` (word `r / 64`,
/// bit `r % 64`) is set when row id `r` is in the set. Blobs may have any
/// length (missing words are zero); SQL NULL is the empty set.
///
/// - `segq_bits(row_id)`: aggregate, the bitmap of the (non-negative) row ids.
/// - `segq_and(a, b, …)`, `segq_or(a, b, …)`: intersection, union.
/// - `segq_andnot(a, b)`: rows of `a` not in `b`.
/// - `segq_count(a)`: the number of rows.
/// - `segq_checksum(a)`: `BitmapChecksum` of the blob (stored beside it).
enum RowBitmapFunctions {
    static func register(on db: OpaquePointer) throws {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        var rc = sqlite3_create_function_v2(db, "segq_bits", 1, flags, nil, nil, bitsStep, bitsFinal, nil)
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "segq_and", -1, flags, nil, andFunction, nil, nil, nil) }
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "segq_or", -1, flags, nil, orFunction, nil, nil, nil) }
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "segq_andnot", 2, flags, nil, andNotFunction, nil, nil, nil) }
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "segq_count", 1, flags, nil, countFunction, nil, nil, nil) }
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "segq_checksum", 1, flags, nil, checksumFunction, nil, nil, nil) }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: "cannot register the bitmap functions: " + String(cString: sqlite3_errmsg(db)))
        }
    }
}

/// The aggregate's state, in SQLite's zeroed aggregate context.
private struct BitsState {
    var words: UnsafeMutablePointer<UInt64>?
    var capacity: Int
    var used: Int
}

/// Reads words of a bitmap argument (unaligned blobs are fine).
private struct BitmapArgument {
    let base: UnsafeRawPointer?
    let count: Int

    init(_ value: OpaquePointer?) {
        if let value, sqlite3_value_type(value) == SQLITE_BLOB {
            let bytes = Int(sqlite3_value_bytes(value))
            base = sqlite3_value_blob(value)
            count = base == nil ? 0 : bytes / 8
        } else {
            base = nil
            count = 0
        }
    }

    @inline(__always) func word(_ i: Int) -> UInt64 {
        guard i < count, let base else { return 0 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
    }
}

/// Sets the result to `count` words built by `fill` (an empty blob for none).
private func resultBitmap(_ ctx: OpaquePointer?, words count: Int, _ fill: (UnsafeMutablePointer<UInt64>) -> Void) {
    guard count > 0, let raw = malloc(count * 8) else {
        sqlite3_result_zeroblob(ctx, 0)
        return
    }
    let words = raw.bindMemory(to: UInt64.self, capacity: count)
    fill(words)
    for i in 0..<count { words[i] = words[i].littleEndian }
    sqlite3_result_blob64(ctx, raw, sqlite3_uint64(count * 8), { free($0) })
}

private let bitsStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
    guard let argv, let raw = sqlite3_aggregate_context(ctx, Int32(MemoryLayout<BitsState>.stride)) else { return }
    let state = raw.bindMemory(to: BitsState.self, capacity: 1)
    let row = sqlite3_value_int64(argv[0])
    guard row >= 0, sqlite3_value_type(argv[0]) == SQLITE_INTEGER else { return }
    let word = Int(row >> 6)
    if word >= state.pointee.capacity {
        var capacity = max(1024, state.pointee.capacity)
        while capacity <= word { capacity *= 2 }
        guard let grown = realloc(state.pointee.words, capacity * 8) else {
            sqlite3_result_error_nomem(ctx)
            return
        }
        let words = grown.bindMemory(to: UInt64.self, capacity: capacity)
        (words + state.pointee.capacity).initialize(repeating: 0, count: capacity - state.pointee.capacity)
        state.pointee.words = words
        state.pointee.capacity = capacity
    }
    state.pointee.words?[word] |= 1 << UInt64(row & 63)
    if word >= state.pointee.used { state.pointee.used = word + 1 }
}

private let bitsFinal: @convention(c) (OpaquePointer?) -> Void = { ctx in
    guard let raw = sqlite3_aggregate_context(ctx, 0) else {
        sqlite3_result_zeroblob(ctx, 0)
        return
    }
    let state = raw.bindMemory(to: BitsState.self, capacity: 1)
    if let words = state.pointee.words {
        resultBitmap(ctx, words: state.pointee.used) { out in out.update(from: words, count: state.pointee.used) }
        free(words)
        state.pointee.words = nil
    } else {
        sqlite3_result_zeroblob(ctx, 0)
    }
}

private func arguments(_ n: Int32, _ argv: UnsafeMutablePointer<OpaquePointer?>?) -> [BitmapArgument] {
    guard let argv else { return [] }
    return (0..<Int(max(0, n))).map { BitmapArgument(argv[$0]) }
}

private let andFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, argv in
    let args = arguments(n, argv)
    let count = args.map(\.count).min() ?? 0
    resultBitmap(ctx, words: count) { out in
        for i in 0..<count {
            var w = ~UInt64(0)
            for a in args { w &= a.word(i) }
            out[i] = w
        }
    }
}

private let orFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, argv in
    let args = arguments(n, argv)
    let count = args.map(\.count).max() ?? 0
    resultBitmap(ctx, words: count) { out in
        out.initialize(repeating: 0, count: count)
        for a in args {
            for i in 0..<a.count { out[i] |= a.word(i) }
        }
    }
}

private let andNotFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, argv in
    let args = arguments(n, argv)
    guard args.count == 2 else { return sqlite3_result_null(ctx) }
    let a = args[0], b = args[1]
    resultBitmap(ctx, words: a.count) { out in
        for i in 0..<a.count { out[i] = a.word(i) & ~b.word(i) }
    }
}

private let countFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
    guard let argv else { return sqlite3_result_int64(ctx, 0) }
    let a = BitmapArgument(argv[0])
    var total = 0
    for i in 0..<a.count { total += a.word(i).nonzeroBitCount }
    sqlite3_result_int64(ctx, Int64(total))
}

private let checksumFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
    guard let argv, let value = argv[0], sqlite3_value_type(value) == SQLITE_BLOB,
          let base = sqlite3_value_blob(value) else {
        return sqlite3_result_int64(ctx, BitmapChecksum.of(UnsafeRawBufferPointer(start: nil, count: 0)))
    }
    let bytes = Int(sqlite3_value_bytes(value))
    sqlite3_result_int64(ctx, BitmapChecksum.of(UnsafeRawBufferPointer(start: base, count: bytes)))
}

/// Bitmap bytes for sorted or unsorted row ids (for the stored bitmaps).
struct RowBitmap {
    private(set) var words: [UInt64]

    init(wordCount: Int) { words = Array(repeating: 0, count: max(0, wordCount)) }

    mutating func insert(_ row: Int) {
        guard row >= 0 else { return }
        let w = row >> 6
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        words[w] |= 1 << UInt64(row & 63)
    }

    /// The blob form (little-endian words).
    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: words.count * 8)
        out.withUnsafeMutableBytes { buf in
            for (i, w) in words.enumerated() { buf.storeBytes(of: w.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
        return out
    }
}
