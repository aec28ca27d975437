import SegqStore
/// The database layout of a segq store, versioned with `PRAGMA user_version`
/// and marked with `PRAGMA application_id`.
///
/// Friends live in one row each (`row_id` is the dense row id, 0…n-1, that
/// query results use; ids are unique through the `friends_by_id` index);
/// set fields live in one table per field keyed `(friend, pos)` (order
/// kept) with a unique `(value, friend)` index that serves `tag = v`
/// lookups in friend order; properties in one table keyed
/// `(friend, integration, name)` with an index on `(integration, name, kind, value)`.
/// The numbers and flags that tests read are repeated in the narrow
/// `friend_facts` rows, whose indexes serve ranges (partial where the value
/// may be missing). Folded copies (`*_folded`) are NULL where folding changes
/// nothing. `statistics` holds the planner's figures (see `SQLiteStatistics`).
/// Pages are 16 KiB.
enum SQLiteSchema {
    /// Bumped when the layout changes; `migrate` brings older files forward.
    static let version: Int64 = 8
    /// "SEGQ" in ASCII, so other SQLite files are recognised as not ours.
    static let applicationID: Int64 = 0x5345_4751

    /// The set fields and their tables. `linked` is the friends column that
    /// must be 1 for the set to be present (nil: never missing).
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
    enum PropertyIntegration: Int64 { case hubspot = 1, klaviyo = 2 }
    /// `properties.kind` codes.
    enum PropertyKind: Int64 { case string = 1, number = 2, bool = 3 }

    static var createStatements: String {
        var sql = """
        CREATE TABLE friends(
            row_id INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            id_folded TEXT,
            name TEXT,
            name_folded TEXT,
            added_ms INTEGER NOT NULL,
            shopify_linked INTEGER NOT NULL DEFAULT 0,
            shopify_id TEXT,
            shopify_id_folded TEXT,
            shopify_purchases INTEGER,
            shopify_last_purchase_ms INTEGER,
            shopify_cart_abandoned_ms INTEGER,
            hubspot_linked INTEGER NOT NULL DEFAULT 0,
            hubspot_id TEXT,
            hubspot_id_folded TEXT,
            klaviyo_linked INTEGER NOT NULL DEFAULT 0,
            klaviyo_id TEXT,
            klaviyo_id_folded TEXT,
            content_hash INTEGER,
            line_hash INTEGER
        );
        \(factsTable);

        """
        for set in setTables {
            sql += """
            CREATE TABLE \(set.table)(
                friend INTEGER NOT NULL,
                pos INTEGER NOT NULL,
                value TEXT NOT NULL,
                value_folded TEXT,
                PRIMARY KEY(friend, pos)
            ) WITHOUT ROWID;

            """
        }
        sql += """
        CREATE TABLE properties(
            friend INTEGER NOT NULL,
            integration INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            value,
            value_folded TEXT,
            PRIMARY KEY(friend, integration, name)
        ) WITHOUT ROWID;
        CREATE TABLE property_types(
            integration INTEGER NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            PRIMARY KEY(integration, name)
        ) WITHOUT ROWID;
        \(statisticsTable);
        \(bitmapsTable);
        CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE tag_catalog(
            name TEXT PRIMARY KEY,
            folder TEXT,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE segments(
            segment_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            folder TEXT,
            query_text TEXT NOT NULL,
            canonical_text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK(kind IN ('dynamic', 'static')),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE segment_members(
            segment INTEGER NOT NULL,
            friend_id TEXT NOT NULL,
            PRIMARY KEY(segment, friend_id)
        ) WITHOUT ROWID;

        """
        for index in secondaryIndexes { sql += index.create + ";\n" }
        return sql
    }

    /// The columns that range and flag tests read, again, keyed by row id:
    /// narrow rows, so the scans and row-id lookups of the push-down touch
    /// few pages (the wide `friends` rows are read only for text tests and
    /// to rebuild friends). Added in version 3.
    static let factsTable = """
        CREATE TABLE friend_facts(
            row_id INTEGER PRIMARY KEY,
            added_ms INTEGER NOT NULL,
            shopify_linked INTEGER NOT NULL,
            shopify_purchases INTEGER,
            shopify_last_purchase_ms INTEGER,
            shopify_cart_abandoned_ms INTEGER,
            hubspot_linked INTEGER NOT NULL,
            klaviyo_linked INTEGER NOT NULL
        )
        """
    static let factColumnNames = ["row_id", "added_ms", "shopify_linked", "shopify_purchases", "shopify_last_purchase_ms",
                                  "shopify_cart_abandoned_ms", "hubspot_linked", "klaviyo_linked"]
    static var factColumns: String { factColumnNames.joined(separator: ", ") }

    /// Row-id bitmaps of the columns that change only by imports (see
    /// `SQLiteStore+Bitmaps`), rewritten with the statistics; added in version 5.
    /// `checksum` (version 6) is `BitmapChecksum` of `bits`, checked when a bitmap is used.
    static let bitmapsTable = """
        CREATE TABLE IF NOT EXISTS row_bitmaps(key TEXT PRIMARY KEY, bits BLOB NOT NULL, checksum INTEGER NOT NULL)
        """

    /// Planner statistics (see `SQLiteStatistics`); added in version 2.
    static let statisticsTable = """
        CREATE TABLE statistics(
            kind INTEGER NOT NULL,
            column_key TEXT NOT NULL,
            value,
            value_kind INTEGER,
            friends INTEGER NOT NULL
        )
        """

    /// An index that serves queries but no constraint: dropped before a bulk
    /// load into an empty store and built once afterwards (faster than
    /// maintaining it row by row).
    struct SecondaryIndex {
        let name: String
        let create: String
    }

    /// Indexes for the push-down: ranges on times and counts (partial where
    /// the value may be missing: a range test implies a value), `value = ?`
    /// and `value IN (…)` lookups on set tables, properties by name and value.
    static let secondaryIndexes: [SecondaryIndex] = {
        var indexes = [
            // Unique ids: a constraint, but built after a bulk load like the others
            // (the import checks ids for duplicates meanwhile).
            SecondaryIndex(name: "friends_by_id", create: "CREATE UNIQUE INDEX IF NOT EXISTS friends_by_id ON friends(id)"),
            SecondaryIndex(name: "facts_added", create: "CREATE INDEX IF NOT EXISTS facts_added ON friend_facts(added_ms)"),
            SecondaryIndex(name: "facts_purchases", create: "CREATE INDEX IF NOT EXISTS facts_purchases ON friend_facts(shopify_purchases) WHERE shopify_purchases IS NOT NULL"),
            SecondaryIndex(name: "facts_last_purchase", create: "CREATE INDEX IF NOT EXISTS facts_last_purchase ON friend_facts(shopify_last_purchase_ms) WHERE shopify_last_purchase_ms IS NOT NULL"),
            SecondaryIndex(name: "facts_cart_abandoned", create: "CREATE INDEX IF NOT EXISTS facts_cart_abandoned ON friend_facts(shopify_cart_abandoned_ms) WHERE shopify_cart_abandoned_ms IS NOT NULL"),
        ]
        for set in setTables {
            indexes.append(SecondaryIndex(name: "\(set.table)_by_value",
                                          create: "CREATE UNIQUE INDEX IF NOT EXISTS \(set.table)_by_value ON \(set.table)(value, friend)"))
        }
        indexes.append(SecondaryIndex(name: "properties_by_value",
                                      create: "CREATE INDEX IF NOT EXISTS properties_by_value ON properties(integration, name, kind, value)"))
        return indexes
    }()

    /// Creates the layout in an empty database, or checks and migrates an
    /// existing one. Throws for a file that is not a segq store or is newer.
    /// Creating and migrating happen under the write lock, deciding from
    /// what the file holds once the lock is held, so two processes opening
    /// a new or old store at once do not both create or migrate it;
    /// `migrated` (computing the statistics) runs in the same transaction.
    static func prepare(_ db: SQLiteConnection, allowCreate: Bool, migrated: () throws -> Void) throws {
        if try db.scalarInt("PRAGMA user_version") == version,
           try db.scalarInt("PRAGMA application_id") == applicationID {
            return
        }
        if try db.scalarInt("SELECT count(*) FROM sqlite_schema") == 0 {
            // Larger pages: shallower B-trees, cheaper bulk loads and index builds.
            // (Takes effect only while the file is still empty.)
            try db.execute("PRAGMA page_size = 16384")
        }
        try db.transaction {
            if try migrate(db, allowCreate: allowCreate) { try migrated() }
        }
    }

    /// `prepare`'s work inside its transaction; true when the statistics must be computed.
    private static func migrate(_ db: SQLiteConnection, allowCreate: Bool) throws -> Bool {
        let userVersion = try db.scalarInt("PRAGMA user_version")
        let appID = try db.scalarInt("PRAGMA application_id")
        if userVersion == 0 {
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_schema")
            guard tables == 0 else {
                throw SQLiteError.store("\(db.path) is an SQLite database but not a segq store")
            }
            guard allowCreate else { throw SQLiteError.store("\(db.path) is not a segq store (it is empty)") }
            try db.execute(createStatements)
            try db.execute("PRAGMA application_id = \(applicationID)")
            try db.execute("PRAGMA user_version = \(version)")
            return false
        }
        guard appID == applicationID else {
            throw SQLiteError.store("\(db.path) is an SQLite database but not a segq store")
        }
        guard userVersion <= version else {
            throw SQLiteError.store("\(db.path) was written by a newer segq (store version \(userVersion), this segq reads up to \(version))")
        }
        guard userVersion < version else { return false }
        if userVersion < 2 {
            // Version 2 adds planner statistics (computed by the caller).
            try db.execute(statisticsTable)
        }
        if userVersion < 3 {
            // Version 3 moves the tested numbers and flags into `friend_facts`.
            try db.execute(factsTable)
            try db.execute("INSERT INTO friend_facts(\(factColumns)) SELECT \(factColumns) FROM friends")
            for old in ["friends_added", "friends_purchases", "friends_last_purchase", "friends_cart_abandoned"] {
                try db.execute("DROP INDEX IF EXISTS \(old)")
            }
            for index in secondaryIndexes { try db.execute(index.create) }
        }
        if userVersion < 5 {
            // Version 5 adds row-id bitmaps (computed with the statistics by the caller).
            try db.execute(bitmapsTable)
        }
        if userVersion == 5 {
            // Version 6 stores a checksum beside each bitmap (rewritten with the statistics by the caller).
            try db.execute("DROP TABLE row_bitmaps")
            try db.execute(bitmapsTable)
        }
        if userVersion < 7,
           try db.scalarInt("SELECT count(*) FROM pragma_table_info('friends') WHERE name = 'content_hash'") == 0 {
            // Version 7 keeps each friend's `FriendContentHash`; NULL (written before) reads as changed.
            try db.execute("ALTER TABLE friends ADD COLUMN content_hash INTEGER")
        }
        if userVersion < 8,
           try db.scalarInt("SELECT count(*) FROM pragma_table_info('friends') WHERE name = 'line_hash'") == 0 {
            // Version 8 keeps the `LineHash` of the JSON Lines line each friend was read from; NULL: none known.
            try db.execute("ALTER TABLE friends ADD COLUMN line_hash INTEGER")
        }
        // Version 4 keeps exact counts below histogram bounds: the caller recomputes the statistics.
        try db.execute("PRAGMA user_version = \(version)")
        return userVersion < 6
    }
}
