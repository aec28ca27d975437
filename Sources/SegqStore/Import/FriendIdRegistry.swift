/// The ids accepted so far in one import, possibly across several files,
/// with where each was first seen: a later record with the same id is a
/// duplicate, reported with both line numbers. Ids are kept in one byte
/// arena (no String per id), and the in-memory store adopts this arena as
/// its id column instead of copying it.
public final class FriendIdRegistry {
    /// Where an id was first accepted.
    public struct Origin: Hashable, Sendable {
        public var file: String?
        public var line: Int
    }

    var ids = StringDictionary()
    private var lines: [Int32] = []
    private var fileOfCode: [Int32] = []
    private var files: [String?] = []

    public init() {}

    /// Makes room for about `n` ids without regrowing the table.
    func reserveCapacity(_ n: Int, averageLength: Int) {
        guard n > ids.count else { return }
        ids.reserveCapacity(n, averageLength: averageLength)
        lines.reserveCapacity(n)
        fileOfCode.reserveCapacity(n)
    }

    /// Warms the table for ids with these hashes, about to be registered.
    @discardableResult
    func prefetch(hashes: [UInt64]) -> UInt64 { ids.touchSlots(hashes) }

    /// Number of distinct ids accepted.
    public var count: Int { ids.count }

    public func contains(_ id: String) -> Bool { ids.code(of: id) != nil }

    /// Registers an id accepted at `line` of `file`; returns nil when new,
    /// or where it was first seen (the new record is then a duplicate and
    /// is not registered).
    public func register(_ id: String, line: Int, file: String?) -> Origin? {
        var id = id
        return id.withUTF8 { register(bytes: $0, line: line, file: file) }
    }

    func register(bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String?) -> Origin? {
        register(bytes: bytes, hash: StringDictionary.hash(bytes), line: line, file: file)
    }

    /// `register(bytes:line:file:)` with `StringDictionary.hash(bytes)` given.
    func register(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, line: Int, file: String?) -> Origin? {
        let (code, inserted) = ids.intern(bytes, hash: hash)
        if !inserted {
            let c = Int(code)
            return Origin(file: files[Int(fileOfCode[c])], line: Int(lines[c]))
        }
        if files.last.map({ $0 != file }) ?? true { files.append(file) }
        lines.append(Int32(clamping: line))
        fileOfCode.append(Int32(files.count - 1))
        return nil
    }

    /// Hands the id dictionary over (codes are acceptance order) and drops
    /// the line bookkeeping.
    package func takeDictionary() -> StringDictionary {
        let d = ids
        ids = StringDictionary()
        lines = []
        fileOfCode = []
        return d
    }
}
