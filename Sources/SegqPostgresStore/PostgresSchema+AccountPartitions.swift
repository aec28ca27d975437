/// Migration 7: the friend tables (`friends`, the set tables and
/// `properties`) are partitioned by account (`PARTITION BY LIST
/// (account)`), one partition per account per table, named
/// `<table>_a<account>` (`partition(of:account:)`).
///
/// Statements keep naming the partitioned tables with `account = …`, and
/// the server reads only that account's partition. What the partitions
/// buy is the first import of an account: its rows are copied into new
/// tables of its own without indexes, the indexes are then built from
/// sorted rows (a B-tree built once costs a fraction of the same entries
/// inserted one by one in random key order), and the tables are attached
/// as the account's partitions (`AccountPartitionLoad`). An account gets
/// its partitions with its first import; until then it has no friend rows.
///
/// The migration moves every account's rows into its partitions and
/// recreates the tables' constraints, indexes and triggers as they were
/// (read from the catalogue, so the migrations before it stay their only
/// home), then drops the old tables.
extension PostgresSchema {
    /// The tables partitioned by account.
    static var partitionedTables: [String] { ["friends"] + setTables.map(\.table) + ["properties"] }

    /// The partitions an import analyses when it wrote much of the account
    /// (those whose statistics the count statements' plans use).
    static var analysedTables: [String] { ["friends", friendTags.table, "properties"] }

    /// The name of `table`'s partition holding `account`'s rows.
    static func partition(of table: String, account: Int32) -> String { "\(table)_a\(account)" }

    static let accountPartitionMigration = Migration(version: 7, summary: "friend tables partitioned by account", sql: #"""
        DO $$
        DECLARE
            t text;
            old text;
            a integer;
            r record;
        BEGIN
            FOREACH t IN ARRAY ARRAY[\#(partitionedTables.map { "'\($0)'" }.joined(separator: ", "))] LOOP
                old := t || '_unpartitioned';
                EXECUTE format('ALTER TABLE segq.%I RENAME TO %I', t, old);
                -- The old indexes (and the constraints they back) make way for the new ones' names.
                FOR r IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                         WHERE x.indrelid = format('segq.%I', old)::regclass LOOP
                    EXECUTE format('ALTER INDEX segq.%I RENAME TO %I', r.relname, r.relname || '_unpartitioned');
                END LOOP;
                EXECUTE format('CREATE TABLE segq.%I (LIKE segq.%I INCLUDING DEFAULTS INCLUDING STORAGE)
                                PARTITION BY LIST (account)', t, old);
                FOR r IN SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
                         WHERE c.conrelid = format('segq.%I', old)::regclass AND c.contype IN ('p', 'u') LOOP
                    EXECUTE format('ALTER TABLE segq.%I ADD CONSTRAINT %I %s',
                                   t, replace(r.conname, '_unpartitioned', ''), r.def);
                END LOOP;
                FOR r IN SELECT c.relname, pg_get_indexdef(x.indexrelid) AS def
                         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                         WHERE x.indrelid = format('segq.%I', old)::regclass
                           AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid) LOOP
                    EXECUTE format('CREATE %sINDEX %I ON segq.%I USING %s', CASE WHEN r.def LIKE 'CREATE UNIQUE %' THEN 'UNIQUE ' ELSE '' END,
                                   replace(r.relname, '_unpartitioned', ''), t,
                                   substring(r.def FROM position(' USING ' IN r.def) + 7));
                END LOOP;
                FOR a IN SELECT account FROM segq.accounts ORDER BY account LOOP
                    EXECUTE format('CREATE TABLE segq.%I PARTITION OF segq.%I FOR VALUES IN (%s)', t || '_a' || a, t, a);
                END LOOP;
                -- Rows of no account (none is ever written) have no partition to go to.
                EXECUTE format('INSERT INTO segq.%I SELECT * FROM segq.%I
                                WHERE account IN (SELECT account FROM segq.accounts)', t, old);
                FOR r IN SELECT pg_get_triggerdef(g.oid) AS def FROM pg_trigger g
                         WHERE g.tgrelid = format('segq.%I', old)::regclass AND NOT g.tgisinternal LOOP
                    EXECUTE regexp_replace(r.def, ' ON (segq\.)?' || old || ' ', ' ON segq.' || t || ' ');
                END LOOP;
                EXECUTE format('DROP TABLE segq.%I', old);
            END LOOP;
        END $$;
        """#)
}
