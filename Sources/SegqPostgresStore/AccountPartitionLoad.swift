/// The first import of an account, which has no partitions yet
/// (`PostgresSchema+AccountPartitions.swift`): inside the import's
/// transaction, `create` makes one table per partitioned table, without
/// indexes, for the import to copy its rows into; `attach` then builds
/// each table's constraints and indexes as its parent has them (sorted
/// builds, parallel where the server allows) and attaches it as the
/// account's partition.
///
/// The tables are invisible to other sessions until the transaction
/// commits, and a failed import leaves nothing (the transaction's rollback
/// drops them). Attaching takes the parents' `SHARE UPDATE EXCLUSIVE`
/// lock: other accounts' reads and writes go on, while another account's
/// first import waits for this transaction before attaching its own.
struct AccountPartitionLoad {
    let db: PostgresConnection
    let account: Int32

    /// Whether the account has its partitions (every import after its first).
    static func partitioned(account: Int32, in db: PostgresConnection) throws -> Bool {
        try db.query("SELECT to_regclass($1) IS NOT NULL",
                     [.text(PostgresSchema.name + "." + PostgresSchema.partition(of: "friends", account: account))]).bool(0, 0)
    }

    /// The table the import writes `table`'s rows into.
    func target(_ table: String) -> String { PostgresSchema.partition(of: table, account: account) }

    /// Creates the account's tables, empty and without indexes.
    func create() throws {
        for table in PostgresSchema.partitionedTables {
            try db.execute("CREATE TABLE \(target(table)) (LIKE \(table) INCLUDING DEFAULTS INCLUDING STORAGE)")
        }
    }

    /// Builds the tables' constraints and indexes and attaches them as the account's partitions.
    func attach() throws {
        // Sorting the keys of one index of 10M friends takes far more than the session's default 64 MB.
        try db.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for table in PostgresSchema.partitionedTables {
            let partition = target(table)
            let constraints = try db.query("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY conname
                """, [.text(table)])
            for r in 0..<constraints.count {
                try db.execute("ALTER TABLE \(partition) ADD CONSTRAINT \(name(constraints.string(r, 0), of: table))"
                               + " " + constraints.string(r, 1))
            }
            let indexes = try db.query("""
                SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                WHERE x.indrelid = $1::regclass
                  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid)
                ORDER BY c.relname
                """, [.text(table)])
            for r in 0..<indexes.count {
                let definition = indexes.string(r, 1)
                guard let using = definition.range(of: " USING ") else {
                    throw PostgresError.store("cannot read the definition of index \(indexes.string(r, 0)): \(definition)")
                }
                let unique = definition.hasPrefix("CREATE UNIQUE ") ? "UNIQUE " : ""
                try db.execute("CREATE \(unique)INDEX \(name(indexes.string(r, 0), of: table)) ON \(partition)"
                               + definition[using.lowerBound...])
            }
            // The constraint proves the rows belong to the partition, so attaching reads none of them.
            try db.execute("ALTER TABLE \(partition) ADD CONSTRAINT \(partition)_account CHECK (account = \(account))")
            try db.execute("ALTER TABLE \(table) ATTACH PARTITION \(partition) FOR VALUES IN (\(account))")
        }
    }

    /// The partition's name for its parent's index or constraint `name`:
    /// the parent's table name in it becomes the partition's.
    private func name(_ name: String, of table: String) -> String {
        let partition = target(table)
        return name.hasPrefix(table) ? partition + name.dropFirst(table.count) : partition + "_" + name
    }
}
