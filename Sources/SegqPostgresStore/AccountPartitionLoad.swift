import Foundation

/// An import that loads the whole account into tables of its own: the
/// account's first import (it has no partitions yet,
/// `PostgresSchema+AccountPartitions.swift`), or a replacing import of an
/// account that has them. Inside the import's transaction, `create` makes
/// one table per partitioned table, without indexes, for the import to
/// copy its rows into; `build` then builds each table's constraints and
/// indexes as its parent has them (sorted builds, parallel where the
/// server allows) and `attach` attaches them as the account's partitions.
///
/// The tables are invisible to other sessions until the transaction
/// commits, and a failed import leaves nothing (the transaction's rollback
/// drops them). Attaching takes the parents' `SHARE UPDATE EXCLUSIVE`
/// lock: other accounts' reads and writes go on, while another account's
/// first import waits for this transaction before attaching its own.
///
/// A replacing load's tables (`<partition>_load`) take the place of the
/// account's partitions: `attach` detaches and drops the old ones and
/// renames the new ones to their names. Detaching locks the parents
/// (`ACCESS EXCLUSIVE`: every account's statements on them wait) until the
/// import commits, so the import does it last, with its rows indexed,
/// analysed and its bitmaps written; and it asks for the locks with a
/// short timeout, again and again, rather than queueing every other
/// account's reads behind another account's long write.
struct AccountPartitionLoad {
    let db: PostgresConnection
    let account: Int32
    /// Whether the account's partitions exist and this load replaces them.
    let replacing: Bool

    /// Whether the account has its partitions (every import after its first).
    static func partitioned(account: Int32, in db: PostgresConnection) throws -> Bool {
        try db.query("SELECT to_regclass($1) IS NOT NULL",
                     [.text(PostgresSchema.name + "." + PostgresSchema.partition(of: "friends", account: account))]).bool(0, 0)
    }

    /// The table the import writes `table`'s rows into.
    func target(_ table: String) -> String {
        PostgresSchema.partition(of: table, account: account) + (replacing ? "_load" : "")
    }

    /// Creates the account's tables, empty and without indexes.
    func create() throws {
        for table in PostgresSchema.partitionedTables {
            try db.execute("CREATE TABLE \(target(table)) (LIKE \(table) INCLUDING DEFAULTS INCLUDING STORAGE)")
        }
    }

    /// Builds the tables' constraints and indexes; a replacing load's
    /// tables are analysed too (before they take the old ones' place, as
    /// `PostgresStore.finishImport` analyses the partitions of an import
    /// that wrote much of its account).
    func build() throws {
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
        }
        if replacing {
            try db.execute("ANALYZE " + PostgresSchema.analysedTables.map(target).joined(separator: ", "))
        }
    }

    /// Attaches the tables as the account's partitions, a replacing load's
    /// in place of the old ones.
    func attach() throws {
        if replacing { try lockParents() }
        for table in PostgresSchema.partitionedTables {
            let partition = PostgresSchema.partition(of: table, account: account)
            if replacing {
                try db.execute("ALTER TABLE \(table) DETACH PARTITION \(partition)")
                try db.execute("DROP TABLE \(partition)")
                let loaded = target(table)
                try db.execute("ALTER TABLE \(loaded) RENAME TO \(partition)")
                let indexes = try db.query("""
                    SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = $1::regclass
                    """, [.text(partition)])
                for r in 0..<indexes.count where indexes.string(r, 0).hasPrefix(loaded) {
                    // Renaming the index of a key renames its constraint too.
                    try db.execute("ALTER INDEX \(indexes.string(r, 0)) RENAME TO \(partition + indexes.string(r, 0).dropFirst(loaded.count))")
                }
                try db.execute("ALTER TABLE \(partition) RENAME CONSTRAINT \(loaded)_account TO \(partition)_account")
            }
            try db.execute("ALTER TABLE \(table) ATTACH PARTITION \(partition) FOR VALUES IN (\(account))")
        }
    }

    /// Takes the parents' `ACCESS EXCLUSIVE` locks for the swap, asking
    /// with a quarter-second timeout for up to a minute, then waiting:
    /// while another transaction holds a parent (another account's import,
    /// say), the other accounts' statements are not made to queue behind
    /// this one.
    private func lockParents() throws {
        let parents = PostgresSchema.partitionedTables.map { "ONLY " + $0 }.joined(separator: ", ")
        for _ in 0..<240 {
            do {
                try db.transaction {
                    try db.execute("SET LOCAL lock_timeout = '250ms'")
                    try db.execute("LOCK TABLE \(parents) IN ACCESS EXCLUSIVE MODE")
                }
                try db.execute("SET LOCAL lock_timeout = 0")
                return
            } catch let error as PostgresError where error.sqlState == "55P03" {
                // Timed out: everyone else's statements went on; ask again shortly.
                usleep(250_000)
            }
        }
        try db.execute("LOCK TABLE \(parents) IN ACCESS EXCLUSIVE MODE")
    }

    /// The table's name for its parent's index or constraint `name`: the
    /// parent's table name in it becomes the table's.
    private func name(_ name: String, of table: String) -> String {
        let partition = target(table)
        return name.hasPrefix(table) ? partition + name.dropFirst(table.count) : partition + "_" + name
    }
}
