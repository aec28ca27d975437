/// Rows for one table in PostgreSQL's binary COPY format, gathered in
/// memory and sent with one `COPY … FROM STDIN (FORMAT binary)` (through
/// a `CopySender`, while the next rows are gathered). Binary
/// rows need no escaping and carry strings as their exact bytes (NUL
/// included, which `text` could not hold).
///
/// `frozen` batches go to a table created in the same transaction (an
/// account's first import): `COPY … FREEZE` writes the rows already
/// frozen and all-visible, so counts read the new account's indexes
/// without visiting its rows (index-only scans) from the first query on,
/// instead of after the next vacuum. (Frozen rows are visible to any
/// snapshot, so a repeatable-read transaction begun before the import
/// committed would see them once the partition is attached; the store's
/// own reads run at read committed.)
struct CopyBatch {
    let table: String
    let columns: [String]
    let frozen: Bool
    private(set) var rows = 0
    private var data = CopyBatch.header

    init(table: String, columns: [String], frozen: Bool = false) {
        self.table = table
        self.columns = columns
        self.frozen = frozen
    }

    /// The signature, flags and (empty) header extension of the binary format.
    private static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]

    /// The bytes gathered so far.
    var size: Int { data.count }

    mutating func beginRow() {
        BigEndian.append(Int16(columns.count), to: &data)
        rows += 1
    }

    mutating func addNull() { BigEndian.append(Int32(-1), to: &data) }

    mutating func add(_ value: Int16) { BigEndian.append(Int32(2), to: &data); BigEndian.append(value, to: &data) }
    mutating func add(_ value: Int32) { BigEndian.append(Int32(4), to: &data); BigEndian.append(value, to: &data) }
    mutating func add(_ value: Int64) { BigEndian.append(Int32(8), to: &data); BigEndian.append(value, to: &data) }
    mutating func add(_ value: Bool) { BigEndian.append(Int32(1), to: &data); data.append(value ? 1 : 0) }
    mutating func add(_ value: Double) { add(Int64(bitPattern: value.bitPattern)) }

    /// A `bytea` or `text` field: the string's UTF-8 bytes.
    mutating func add(_ value: String) {
        var copy = value
        copy.withUTF8 { bytes in
            BigEndian.append(Int32(bytes.count), to: &data)
            data.append(contentsOf: bytes)
        }
    }

    mutating func add(_ value: Int64?) { if let value { add(value) } else { addNull() } }
    mutating func add(_ value: String?) { if let value { add(value) } else { addNull() } }

    /// Hands the gathered rows (if any) to `sender` and starts empty.
    mutating func send(to sender: CopySender) throws {
        guard rows > 0 else { return }
        BigEndian.append(Int16(-1), to: &data)  // trailer
        let rows = data
        data = Self.header
        data.reserveCapacity(rows.count)
        self.rows = 0
        try sender.send("COPY \(table)(\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary\(frozen ? ", FREEZE" : ""))", rows)
    }
}
