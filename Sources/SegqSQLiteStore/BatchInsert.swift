import SegqStore
/// Inserts rows into one table through multi-row `INSERT … VALUES (…), (…)`
/// statements, so a bulk load runs one statement per `batchRows` rows
/// instead of one per row. Rows wait in memory until a batch is full;
/// `flush()` writes the rest (call it before reading or deleting the
/// table's rows, and at the end).
final class BatchInsert {
    static let batchRows = 256

    private let db: SQLiteConnection
    private let prefix: String
    private let columns: Int
    private let full: SQLiteStatement
    private var pending: [SQLiteValue] = []

    /// `table(columnList)` is inserted into; `columns` is the number of values per row.
    init(db: SQLiteConnection, into table: String, columns: [String]) throws {
        self.db = db
        self.columns = columns.count
        prefix = "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
        full = try db.prepare(Self.statement(prefix, columns.count, Self.batchRows))
        pending.reserveCapacity(columns.count * Self.batchRows)
    }

    private static func statement(_ prefix: String, _ columns: Int, _ rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return prefix + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Adds one row of exactly `columns` values.
    func add(_ values: SQLiteValue...) throws {
        pending.append(contentsOf: values)
        try endRow()
    }

    /// Adds a value to the row being built (no array per row).
    @inline(__always)
    func append(_ value: SQLiteValue) {
        pending.append(value)
    }

    /// Ends the row being built, which must have exactly `columns` values;
    /// writes the batch when it is full.
    func endRow() throws {
        if pending.count == columns * Self.batchRows {
            try run(full)
        }
    }

    /// Adds whole rows (a multiple of `columns` values), writing each batch as it fills.
    func appendRows(_ values: [SQLiteValue]) throws {
        let full = columns * Self.batchRows
        var start = 0
        while start < values.count {
            let take = min(full - pending.count, values.count - start)
            pending.append(contentsOf: values[start ..< start + take])
            start += take
            try endRow()
        }
    }

    /// Writes the rows still waiting.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try run(try db.prepare(Self.statement(prefix, columns, pending.count / columns)))
    }

    private func run(_ stmt: SQLiteStatement) throws {
        defer {
            stmt.reset()
            pending.removeAll(keepingCapacity: true)
        }
        try stmt.bind(pending)
        try stmt.run()
    }
}
