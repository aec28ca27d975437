/// The layout of segq's tables in a PostgreSQL database: one schema
/// (`segq`), shared by every account, brought forward by numbered
/// migrations recorded in `segq.schema_versions`.
///
/// Every table carries the `account` (a small integer from `accounts`) as
/// the first column of its primary key, and every statement the store runs
/// names it, so nothing of one account is visible from another. Friend
/// strings (ids, names, tags, lists, property names and values) are
/// `bytea` holding their NFC UTF-8 bytes: comparisons are then byte-wise,
/// as the language's exact equality is, independent of the database's
/// collation, and a string may hold U+0000, which `text` cannot. Folded
/// copies (`*_folded`) are NULL where case folding changes nothing.
/// Friend tables have no foreign key to `accounts`: a per-row check would
/// slow bulk loads, and the store deletes an account's rows itself.
enum PostgresSchema {
    /// The PostgreSQL schema holding every table; the connection's `search_path`.
    static let name = "segq"

    /// Key of the advisory lock that serialises migrations ("SEGQ" and 1).
    static let migrationLock: Int64 = 0x5345_4751_0000_0001

    struct Migration {
        let version: Int
        let summary: String
        let sql: String
    }

    /// The set fields and their tables. `linked` is the `friends` flag that
    /// must be true for the set to be present (nil: never missing).
    struct SetTable {
        let table: String
        let linked: String?
    }
    static let friendTags = SetTable(table: "friend_tags", linked: nil)
    static let shopifyTags = SetTable(table: "shopify_tags", linked: "shopify_linked")
    static let hubspotLists = SetTable(table: "hubspot_lists", linked: "hubspot_linked")
    static let klaviyoLists = SetTable(table: "klaviyo_lists", linked: "klaviyo_linked")
    static let setTables = [friendTags, shopifyTags, hubspotLists, klaviyoLists]

    /// `properties.integration` codes.
    enum PropertyIntegration: Int16 { case hubspot = 1, klaviyo = 2 }
    /// `properties.kind` codes; the value is in `text_value`, `number_value` or `bool_value`.
    enum PropertyKind: Int16 { case string = 1, number = 2, bool = 3 }

    static let friendColumns = [
        "account", "row_id", "id", "id_folded", "name", "name_folded", "added_ms",
        "shopify_linked", "shopify_id", "shopify_id_folded", "shopify_purchases",
        "shopify_last_purchase_ms", "shopify_cart_abandoned_ms",
        "hubspot_linked", "hubspot_id", "hubspot_id_folded",
        "klaviyo_linked", "klaviyo_id", "klaviyo_id_folded", "content_hash",
    ]
    static let setColumns = ["account", "friend", "pos", "value", "value_folded"]
    static let propertyColumns = ["account", "friend", "integration", "name", "kind",
                                  "text_value", "text_folded", "number_value", "bool_value"]

    static let migrations: [Migration] = [
        Migration(version: 1, summary: "accounts, settings, friends, set fields, properties, catalogues", sql: """
            CREATE TABLE accounts(
                account integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE settings(
                account integer NOT NULL REFERENCES accounts ON DELETE CASCADE,
                key text NOT NULL,
                value text NOT NULL,
                PRIMARY KEY(account, key)
            );
            CREATE TABLE friends(
                account integer NOT NULL,
                row_id integer NOT NULL,
                id bytea NOT NULL,
                id_folded bytea,
                name bytea,
                name_folded bytea,
                added_ms bigint NOT NULL,
                shopify_linked boolean NOT NULL,
                shopify_id bytea,
                shopify_id_folded bytea,
                shopify_purchases bigint,
                shopify_last_purchase_ms bigint,
                shopify_cart_abandoned_ms bigint,
                hubspot_linked boolean NOT NULL,
                hubspot_id bytea,
                hubspot_id_folded bytea,
                klaviyo_linked boolean NOT NULL,
                klaviyo_id bytea,
                klaviyo_id_folded bytea,
                PRIMARY KEY(account, row_id),
                UNIQUE(account, id)
            );
            \(setTables.map(\.table).map { table in """
                CREATE TABLE \(table)(
                    account integer NOT NULL,
                    friend integer NOT NULL,
                    pos integer NOT NULL,
                    value bytea NOT NULL,
                    value_folded bytea,
                    PRIMARY KEY(account, friend, pos)
                );
                CREATE INDEX \(table)_by_value ON \(table)(account, value, friend);
                """ }.joined(separator: "\n"))
            CREATE TABLE properties(
                account integer NOT NULL,
                friend integer NOT NULL,
                integration smallint NOT NULL,
                name bytea NOT NULL,
                kind smallint NOT NULL,
                text_value bytea,
                text_folded bytea,
                number_value double precision,
                bool_value boolean,
                PRIMARY KEY(account, friend, integration, name)
            );
            CREATE INDEX properties_by_name ON properties(account, integration, name, kind);
            CREATE TABLE property_types(
                account integer NOT NULL,
                integration smallint NOT NULL,
                name bytea NOT NULL,
                type text NOT NULL,
                PRIMARY KEY(account, integration, name)
            );
            CREATE TABLE tag_catalog(
                account integer NOT NULL,
                name bytea NOT NULL,
                folder text,
                updated_at bigint NOT NULL,
                PRIMARY KEY(account, name)
            );
            """),
        Migration(version: 2, summary: "range indexes on the account's times and purchase counts", sql: """
            CREATE INDEX friends_by_added ON friends(account, added_ms);
            CREATE INDEX friends_by_purchases ON friends(account, shopify_purchases);
            CREATE INDEX friends_by_last_purchase ON friends(account, shopify_last_purchase_ms);
            CREATE INDEX friends_by_cart_abandoned ON friends(account, shopify_cart_abandoned_ms);
            """),
        // A property test selects the friends holding one value of one
        // property: these partial indexes (one per stored kind) answer it
        // from the index alone, where `properties_by_name` reads every row
        // of the property from the table to compare its value.
        Migration(version: 3, summary: "covering indexes on property values, by kind", sql: """
            CREATE INDEX properties_by_text ON properties(account, integration, name, text_value)
                INCLUDE (friend) WHERE kind = \(PropertyKind.string.rawValue);
            CREATE INDEX properties_by_number ON properties(account, integration, name, number_value)
                INCLUDE (friend) WHERE kind = \(PropertyKind.number.rawValue);
            CREATE INDEX properties_by_bool ON properties(account, integration, name, bool_value)
                INCLUDE (friend) WHERE kind = \(PropertyKind.bool.rawValue);
            """),
        catalogMigration,
        rowBitmapMigration,
        changeTrackingMigration,
        accountPartitionMigration,
        rowBitmapLayoutMigration,
    ]

    /// The version this segq writes: the last migration's.
    static var version: Int { migrations.last!.version }

    /// Brings the database's segq schema to `version`, creating it in an
    /// empty database. Migrations run in one transaction holding an advisory
    /// lock, so of several processes starting at once one migrates and the
    /// others wait, then find the work done. Throws for a database written
    /// by a newer segq.
    static func prepare(_ db: PostgresConnection) throws {
        try db.execute("SET search_path TO \(name)")
        if try appliedVersions(db) == Set(migrations.map(\.version)) { return }
        try db.transaction {
            try db.query("SELECT pg_advisory_xact_lock($1)", [.int8(migrationLock)])
            try db.execute("""
                CREATE SCHEMA IF NOT EXISTS \(name);
                CREATE TABLE IF NOT EXISTS \(name).schema_versions(
                    version integer PRIMARY KEY,
                    summary text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """)
            let installed = try installedVersion(db)
            guard installed <= version else {
                throw PostgresError.store("\(db.location) was written by a newer segq (store version \(installed), this segq reads up to \(version))")
            }
            // Every migration not yet recorded, in order (a database may have skipped a number).
            let applied = try appliedVersions(db)
            for migration in migrations where !applied.contains(migration.version) {
                try db.execute(migration.sql)
                try db.query("INSERT INTO schema_versions(version, summary) VALUES ($1, $2)",
                             [.int4(Int32(migration.version)), .text(migration.summary)])
            }
        }
    }

    /// The migrations recorded as applied; empty when the database has no segq schema.
    static func appliedVersions(_ db: PostgresConnection) throws -> Set<Int> {
        let exists = try db.query("SELECT to_regclass($1) IS NOT NULL", [.text("\(name).schema_versions")])
        guard exists.bool(0, 0) else { return [] }
        let rows = try db.query("SELECT version FROM \(name).schema_versions")
        return Set((0..<rows.count).map { Int(rows.int64($0, 0)) })
    }

    /// The highest migration applied, 0 when the database has no segq schema.
    static func installedVersion(_ db: PostgresConnection) throws -> Int {
        try appliedVersions(db).max() ?? 0
    }
}
