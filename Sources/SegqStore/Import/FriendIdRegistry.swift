/// The ids accepted so far in one import, possibly across several files,
/// with where each was first seen: a later record with the same id is a
/// duplicate, reported with both line numbers. Ids are kept in a
/// `FriendIdTable` (LINE ids packed, no String per id), and the in-memory
/// store adopts that table as its id column instead of copying it.
public final class FriendIdRegistry {
    /// Where an id was first accepted.
    public struct Origin: Hashable, Sendable {
        public var file: String?
        public var line: Int
    }

    @exclusivity(unchecked) var ids = FriendIdTable()
    /// The line of each row (the row is the id's acceptance order).
    @exclusivity(unchecked) private var lines: [Int32] = []
    /// Each file's first row, ascending, with the file.
    private var files: [(firstRow: Int, file: String?)] = []

    public init() {}

    /// Makes room for about `n` ids without regrowing the table.
    func reserveCapacity(_ n: Int) {
        guard n > ids.count else { return }
        ids.reserveCapacity(n)
        lines.reserveCapacity(n)
    }

    /// Warms the table for `count` packed ids about to be registered
    /// (`packed(i)` is the i-th id's two words).
    func prefetch(_ count: Int, _ packed: (Int) -> (UInt64, UInt64)) {
        // Kept in a stored property, so the loads are not optimised away.
        touched = ids.touchSlots(count, packed)
    }
    private var touched: UInt32 = 0

    /// Number of distinct ids accepted.
    public var count: Int { ids.count }

    public func contains(_ id: String) -> Bool { ids.row(of: id) != nil }

    /// Registers an id accepted at `line` of `file`; returns nil when new,
    /// or where it was first seen (the new record is then a duplicate and
    /// is not registered).
    public func register(_ id: String, line: Int, file: String?) -> Origin? {
        var id = id
        return id.withUTF8 { register(bytes: $0, line: line, file: file) }
    }

    func register(bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String?) -> Origin? {
        accepted(ids.insert(bytes), line: line, file: file)
    }

    /// `register(bytes:line:file:)` for a LINE id packed by `FriendIdTable.pack`.
    func register(packed hi: UInt64, _ lo: UInt64, line: Int, file: String?) -> Origin? {
        accepted(ids.insert(packed: hi, lo), line: line, file: file)
    }

    private func accepted(_ r: (row: Int, inserted: Bool), line: Int, file: String?) -> Origin? {
        if !r.inserted { return origin(of: r.row) }
        if files.last.map({ $0.file != file }) ?? true { files.append((r.row, file)) }
        lines.append(Int32(clamping: line))
        return nil
    }

    private func origin(of row: Int) -> Origin {
        var lo = 0, hi = files.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if files[mid].firstRow <= row { lo = mid + 1 } else { hi = mid }
        }
        return Origin(file: lo > 0 ? files[lo - 1].file : nil, line: Int(lines[row]))
    }

    /// Hands the id table over (rows are acceptance order) and drops the
    /// line bookkeeping.
    package func takeTable() -> FriendIdTable {
        let t = ids
        ids = FriendIdTable()
        lines = []
        files = []
        return t
    }
}
