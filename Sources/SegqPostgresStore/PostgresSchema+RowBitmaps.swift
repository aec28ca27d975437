/// Migration 5: row bitmaps. Per account, a `bit varying` whose length is
/// the account's row count (highest `row_id` + 1) marks the friends of one
/// field value: bit `r` (counted from the left, as `get_bit` counts) is the
/// friend with `row_id` r. A count combines them with `&`, `|` and `~` and
/// counts with `bit_count` (PostgreSQL 14 or later); see
/// `PostgresQueryCompiler` for how a query uses them and
/// `PostgresStore+RowBitmaps.swift` for how they are built.
///
/// - `row_bitmaps`: one bitmap per key (`RowBitmapKey`): every friend,
///   the linked flags, presence of a range column, non-empty sets, and
///   each set value and string property value held by enough friends.
/// - `row_range_bitmaps`: for each range column, the friends whose value
///   is below each of a few dozen bounds (quantiles of the column).
/// - `row_bitmap_state`: the length the bitmaps have and whether they are
///   `fresh`. Every statement that changes a friend table of an account
///   sets `fresh` to false (statement triggers, so no write path can
///   forget); building the bitmaps sets it back to true in the same
///   transaction. A query uses the bitmaps only while `fresh` holds, and
///   otherwise counts row by row.
///
/// Bitmaps are stored uncompressed out of line (`STORAGE EXTERNAL`): a
/// query reads a few whole ones, and compressing them costs more than
/// reading them.
extension PostgresSchema {
    /// Tables whose changes make an account's bitmaps stale.
    static var bitmapSourceTables: [String] { ["friends"] + setTables.map(\.table) + ["properties"] }

    static let rowBitmapMigration = Migration(version: 5, summary: "row bitmaps per field value, range bounds, freshness", sql: """
        CREATE TABLE row_bitmap_state(
            account integer PRIMARY KEY,
            length integer NOT NULL,
            fresh boolean NOT NULL
        );
        CREATE TABLE row_bitmaps(
            account integer NOT NULL,
            key bytea NOT NULL,
            bits bit varying NOT NULL,
            PRIMARY KEY(account, key)
        );
        ALTER TABLE row_bitmaps ALTER COLUMN bits SET STORAGE EXTERNAL;
        CREATE TABLE row_range_bitmaps(
            account integer NOT NULL,
            column_name text NOT NULL,
            bound bigint NOT NULL,
            bits bit varying NOT NULL,
            PRIMARY KEY(account, column_name, bound)
        );
        ALTER TABLE row_range_bitmaps ALTER COLUMN bits SET STORAGE EXTERNAL;
        CREATE FUNCTION row_bitmaps_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE segq.row_bitmap_state SET fresh = false
            WHERE fresh AND account IN (SELECT DISTINCT account FROM changed);
            RETURN NULL;
        END $$;
        \(bitmapSourceTables.map { table in """
            CREATE TRIGGER \(table)_inserted AFTER INSERT ON \(table) REFERENCING NEW TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION row_bitmaps_stale();
            CREATE TRIGGER \(table)_updated AFTER UPDATE ON \(table) REFERENCING NEW TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION row_bitmaps_stale();
            CREATE TRIGGER \(table)_deleted AFTER DELETE ON \(table) REFERENCING OLD TABLE AS changed
                FOR EACH STATEMENT EXECUTE FUNCTION row_bitmaps_stale();
            """ }.joined(separator: "\n"))
        """)

    /// The range columns of `friends` with bound bitmaps.
    static let rangeColumns = ["added_ms", "shopify_purchases", "shopify_last_purchase_ms", "shopify_cart_abandoned_ms"]
    /// Range columns that may be NULL (they have a `present:` bitmap).
    static let nullableRangeColumns: Set<String> = ["shopify_purchases", "shopify_last_purchase_ms", "shopify_cart_abandoned_ms"]
    /// The friend strings that may be missing (each has a `present:` bitmap).
    static let nullableTextColumns = ["name", "shopify_id", "hubspot_id", "klaviyo_id"]
    /// The never-missing flags of `friends` with bitmaps.
    static let flagColumns = ["shopify_linked", "hubspot_linked", "klaviyo_linked"]
}

/// The key of a bitmap in `row_bitmaps`, as the text whose UTF-8 bytes are stored.
enum RowBitmapKey {
    /// Every friend of the account.
    static let all = "all"
    static func flag(_ column: String) -> String { "flag:" + column }
    static func present(_ column: String) -> String { "present:" + column }
    /// Friends with at least one element in the set table.
    static func nonEmpty(_ table: String) -> String { "nonempty:" + table }
    static func setValue(_ table: String, _ value: String) -> String { "set:" + table + ":" + value }
    /// Friends holding the property (any kind of value).
    static func property(_ integration: PostgresSchema.PropertyIntegration, _ name: String) -> String {
        "has:\(integration.rawValue):\(name.utf8.count):" + name
    }
    /// Friends whose name is this string.
    static func nameValue(_ value: String) -> String { "name:" + value }
    /// An empty bitmap marking a field (the key prefix of its values'
    /// bitmaps) that has a dictionary of values in `row_value_dictionary`.
    static func dictionary(_ field: String) -> String { "dictionary:" + field }
    /// Friends whose property holds this boolean.
    static func propertyBool(_ integration: PostgresSchema.PropertyIntegration, _ name: String, _ value: Bool) -> String {
        "bool:\(integration.rawValue):\(name.utf8.count):" + name + ":" + (value ? "true" : "false")
    }
    /// Friends whose property holds this string.
    static func propertyValue(_ integration: PostgresSchema.PropertyIntegration, _ name: String, _ value: String) -> String {
        "prop:\(integration.rawValue):\(name.utf8.count):" + name + ":" + value
    }
}
