import SegqStore

/// The friends' ids, row by row (row `r` holds the `r`-th distinct id):
/// the import's `FriendIdTable` (LINE ids packed into 16 bytes, other ids
/// whole beside them, rows found by id through a table of 4-byte slots),
/// adopted as it is, with a bitmap of the rows whose id is kept whole so
/// that reading every id is one bit test a row.
struct FriendIdColumn: Sendable {
    private let table: FriendIdTable
    /// Rows whose id is not LINE-shaped (empty when there are none).
    private let others: Bitmap

    init(_ table: FriendIdTable) {
        var table = table
        table.shrink()
        var others = Bitmap(count: 0)
        if !table.otherRows.isEmpty {
            others = Bitmap(count: table.count)
            for row in table.otherRows { others.insert(Int(row)) }
        }
        self.table = table
        self.others = others
    }

    /// The ids of `dictionary` in code order: code `c` becomes row `c`.
    init(_ dictionary: StringDictionary) {
        var table = FriendIdTable()
        table.reserveCapacity(dictionary.count)
        for code in 0 ..< dictionary.count { dictionary.withBytes(Int32(code)) { _ = table.insert($0) } }
        self.init(table)
    }

    var count: Int { table.count }

    static var lineIdLength: Int { FriendIdTable.lineIdLength }

    /// Calls `body` with the bytes of row `row`'s id.
    @inline(__always)
    func withBytes<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try table.withBytes(row, other: others.count != 0 && others.contains(row), body)
    }

    func string(at row: Int) -> String {
        withBytes(row) { String(decoding: $0, as: UTF8.self) }
    }

    /// The row of the friend with these id bytes, if any.
    func row(of p: UnsafeBufferPointer<UInt8>) -> Int? { table.row(of: p) }

    func row(of id: String) -> Int? { table.row(of: id) }

    var memoryFootprint: Int { table.memoryFootprint + others.words.capacity * 8 }

    /// The two words of a LINE-shaped id (`U` + 32 lowercase hex digits), or nil.
    static func pack(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? { FriendIdTable.pack(p) }
}
