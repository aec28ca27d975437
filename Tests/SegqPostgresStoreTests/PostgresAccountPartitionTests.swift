import Foundation
import Testing
import SegqStore
import TestSupport
@testable import SegqPostgresStore

/// The friend tables partitioned by account (migration 7,
/// `PostgresSchema+AccountPartitions.swift`): an account's first import
/// attaches tables of its own carrying every index of their parents, a
/// failed one leaves no table behind, and a database written before the
/// partitions keeps every account's friends and answers.
@Suite struct PostgresAccountPartitionTests {
    /// For each friend table of the account: whether its partition is
    /// attached, and how many of the parent's indexes the partition's attached indexes answer.
    static func partitions(_ store: PostgresStore) throws -> [String] {
        try PostgresSchema.partitionedTables.map { table in
            let partition = PostgresSchema.partition(of: table, account: store.account)
            let row = try store.db.query("""
                SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = $1::regclass AND inhrelid = to_regclass($2)),
                       (SELECT count(*) FROM pg_index WHERE indrelid = $1::regclass),
                       (SELECT count(*) FROM pg_index x JOIN pg_inherits i ON i.inhrelid = x.indexrelid
                        WHERE x.indrelid = to_regclass($2) AND x.indisvalid)
                """, [.text(table), .text(partition)])
            return "\(table): attached \(row.int64(0, 0)), indexes \(row.int64(0, 2)) of \(row.int64(0, 1))"
        }
    }

    @Test func aFirstImportAttachesTablesWithEveryIndexOfTheirParents() throws {
        var friends = RandomFriends.make(count: 150, seed: 31)
        // Repeated ids in the first import: the earlier rows are deleted from the account's own tables.
        friends.append(Friend(id: "f4", name: "again", addedAt: 4, tags: ["late"]))
        friends.append(Friend(id: "f120", addedAt: 120))
        let store = try PostgresImportTests.store(batchBytes: 1_024)
        #expect(try store.importFriends(friends) == ImportSummary(inserted: 150, updated: 2))
        let indexes = try PostgresSchema.partitionedTables.map { table in
            try store.db.query("SELECT count(*) FROM pg_index WHERE indrelid = $1::regclass", [.text(table)]).int64(0, 0)
        }
        #expect(try Self.partitions(store) == zip(PostgresSchema.partitionedTables, indexes).map {
            "\($0.0): attached 1, indexes \($0.1) of \($0.1)"
        })
        #expect(try store.allFriends() == PostgresImportTests.sqliteReadBack(friends))
        // The next import writes through the partitioned tables.
        #expect(try store.importFriends([Friend(id: "f4", addedAt: 5), Friend(id: "new", addedAt: 6)])
                == ImportSummary(inserted: 1, updated: 1))
        #expect(try store.friendCount() == 151)
    }

    /// The index, key and check names of an account's partitions, with the parent's part cut off.
    static func names(_ store: PostgresStore) throws -> [String] {
        let rows = try store.db.query("""
            SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'segq'::regnamespace AND c.relname ~ $1
            UNION ALL SELECT conname FROM pg_constraint WHERE connamespace = 'segq'::regnamespace AND conname ~ $1
            ORDER BY 1
            """, [.text("_a\(store.account)(_|$)")])
        return (0..<rows.count).map { rows.string($0, 0) }
    }

    @Test func aReplacingImportSwapsInNewPartitionsUnderTheSameNames() throws {
        let store = try PostgresImportTests.store(batchBytes: 2_048)
        try store.importFriends(RandomFriends.make(count: 120, seed: 8))
        let expected = try Self.partitions(store)
        let names = try Self.names(store)
        #expect(!names.contains { $0.contains("_load") })
        for (count, seed) in [(90, UInt64(9)), (200, 10)] {
            let friends = RandomFriends.make(count: count, seed: seed)
            let summary = try store.importFriends(friends, mode: .replace)
            #expect(summary.inserted + summary.updated + summary.unchanged == count)
            #expect(try Self.partitions(store) == expected, "replaced by \(count) friends")
            #expect(try Self.names(store) == names, "replaced by \(count) friends")
            #expect(try store.allFriends() == PostgresImportTests.sqliteReadBack(friends))
            #expect(try store.rowBitmapState() == RowBitmapState(status: .fresh, rows: count))
        }
    }

    @Test func aFirstImportLeavesItsFriendPagesAllVisible() throws {
        // Rows copied frozen into the new partition: index-only scans need no vacuum first.
        let store = try PostgresImportTests.store(batchBytes: 4_096)
        #expect(try store.importFriends(RandomFriends.make(count: 3_000, seed: 5)) == ImportSummary(inserted: 3_000))
        let pages = try store.db.query("SELECT relpages, relallvisible FROM pg_class WHERE oid = $1::regclass",
                                       [.text(PostgresSchema.partition(of: "friends", account: store.account))])
        #expect(pages.int64(0, 0) > 1)
        #expect(pages.int64(0, 1) == pages.int64(0, 0))
    }

    @Test func aFailedFirstImportLeavesNoTableBehind() throws {
        struct Stop: Error {}
        let store = try PostgresImportTests.store(batchBytes: 1_024)
        #expect(throws: Stop.self) {
            try store.importFriends { writer in
                for friend in RandomFriends.make(count: 100, seed: 9) { try writer.add(friend) }
                try writer.flush()
                throw Stop()
            }
        }
        let left = try store.db.query("SELECT count(*) FROM pg_class WHERE relname LIKE $1",
                                      [.text(PostgresSchema.partition(of: "%", account: store.account))])
        #expect(left.int64(0, 0) == 0)
        #expect(try store.allFriends().isEmpty)
        try store.importFriends([Friend(id: "after", addedAt: 9)])
        #expect(try store.allFriends().map(\.id) == ["after"])
    }

    /// Writes `friend` at `row` into a database at schema version 6, as that version's import did.
    static func insertVersion6(_ friend: Friend, account: Int32, row: Int32, into db: PostgresConnection) throws {
        let f = friend.storedForm
        func folded(_ s: String?) -> PostgresValue { .storedOrNull(s.flatMap(PostgresText.foldedCopy)) }
        try db.query("""
            INSERT INTO friends(account, row_id, id, id_folded, name, name_folded, added_ms,
                                shopify_linked, shopify_id, shopify_id_folded, shopify_purchases,
                                shopify_last_purchase_ms, shopify_cart_abandoned_ms,
                                hubspot_linked, hubspot_id, hubspot_id_folded, klaviyo_linked, klaviyo_id, klaviyo_id_folded)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            """, [.int4(account), .int4(row), .stored(f.id), folded(f.id), .storedOrNull(f.name), folded(f.name),
                  .int8(f.addedAt), .bool(f.shopify != nil), .storedOrNull(f.shopify?.id), folded(f.shopify?.id),
                  f.shopify.map { .int8($0.purchases) } ?? .null,
                  f.shopify?.lastPurchaseAt.map { .int8($0) } ?? .null, f.shopify?.abandonedCartAt.map { .int8($0) } ?? .null,
                  .bool(f.hubspot != nil), .storedOrNull(f.hubspot?.id), folded(f.hubspot?.id),
                  .bool(f.klaviyo != nil), .storedOrNull(f.klaviyo?.id), folded(f.klaviyo?.id)])
        let sets = [f.tags, f.shopify?.tags ?? [], f.hubspot?.lists ?? [], f.klaviyo?.lists ?? []]
        for (set, values) in zip(PostgresSchema.setTables, sets) {
            for (position, value) in values.enumerated() {
                try db.query("INSERT INTO \(set.table)(account, friend, pos, value, value_folded) VALUES ($1, $2, $3, $4, $5)",
                             [.int4(account), .int4(row), .int4(Int32(position)), .stored(value),
                              .storedOrNull(PostgresText.foldedCopy(value))])
            }
        }
        let properties = [(PostgresSchema.PropertyIntegration.hubspot, f.hubspot?.properties ?? [:]),
                          (.klaviyo, f.klaviyo?.properties ?? [:])]
        for (integration, values) in properties {
            for (name, value) in values {
                let kind: PostgresSchema.PropertyKind
                var text: PostgresValue = .null, folded: PostgresValue = .null
                var number: PostgresValue = .null, flag: PostgresValue = .null
                switch value {
                case .string(let s): kind = .string; text = .stored(s); folded = .storedOrNull(PostgresText.foldedCopy(s))
                case .number(let n): kind = .number; number = .float8(n)
                case .bool(let b): kind = .bool; flag = .bool(b)
                }
                try db.query("""
                    INSERT INTO properties(account, friend, integration, name, kind, text_value, text_folded,
                                           number_value, bool_value)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """, [.int4(account), .int4(row), .int2(integration.rawValue), .stored(name), .int2(kind.rawValue),
                          text, folded, number, flag])
            }
        }
    }

    @Test func aVersion6DatabaseKeepsEveryAccountsFriendsAndAnswers() throws {
        let database = try TestServer.freshDatabase()
        defer { database.drop() }
        let db = try PostgresConnection(PostgresLocation(database.url(account: "setup")))
        try db.execute("""
            CREATE SCHEMA segq; SET search_path TO segq;
            CREATE TABLE schema_versions(version integer PRIMARY KEY, summary text NOT NULL,
                                         applied_at timestamptz NOT NULL DEFAULT now());
            """)
        for migration in PostgresSchema.migrations where migration.version <= 6 {
            try db.execute(migration.sql)
            try db.query("INSERT INTO schema_versions(version, summary) VALUES ($1, $2)",
                         [.int4(Int32(migration.version)), .text(migration.summary)])
        }
        let accounts = ["north": (0..<90).map(PostgresRowBitmapTests.friend),
                        "south": (200..<237).map(PostgresRowBitmapTests.friend)]
        for (name, friends) in accounts.sorted(by: { $0.key < $1.key }) {
            let account = Int32(try db.query("INSERT INTO accounts(name) VALUES ($1) RETURNING account", [.text(name)])
                .int64(0, 0))
            for (row, friend) in friends.enumerated() {
                try Self.insertVersion6(friend, account: account, row: Int32(row), into: db)
            }
        }

        for (name, friends) in accounts {
            let store = try PostgresStore.open(database.url(account: name))
            #expect(try store.allFriends() == friends.map(\.storedForm), "\(name)")
            for check in PostgresRowBitmapTests.checks {
                #expect(try store.count(check.expr) == friends.filter(check.holds).count, "\(name): \(check.name)")
            }
            // Imports after the migration write through the account's partitions.
            var changed = friends[3]
            changed.tags.append("after the migration")
            #expect(try store.importFriends([changed]) == ImportSummary(updated: 1))
            #expect(try store.friends(rowIDs: [3]).first?.tags.last == "after the migration")
            for check in PostgresRowBitmapTests.checks {
                var expected = friends
                expected[3] = changed
                #expect(try store.count(check.expr) == expected.filter(check.holds).count, "\(name) re-imported: \(check.name)")
            }
        }
        let versions = try db.query("SELECT max(version) FROM segq.schema_versions")
        #expect(versions.int64(0, 0) == Int64(PostgresSchema.version))
    }
}
