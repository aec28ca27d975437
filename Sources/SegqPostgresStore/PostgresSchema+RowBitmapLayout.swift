/// Migration 8: which layout an account's row bitmaps were built in, the
/// bounds of number properties, dictionaries of values, and range indexes
/// carrying the row id.
///
/// Layout:
/// `row_bitmap_state.layout` is the `PostgresSchema.rowBitmapLayout` of
/// the segq that built them (0 for bitmaps built before this migration),
/// and a query reads the bitmaps only when they are fresh AND of the
/// layout it compiles for: bitmaps an older segq built (without the keys
/// this one expects) count row by row, exactly, until they are rebuilt
/// (`segq store rebuild-bitmaps`, or the next import).
///
/// `row_value_dictionary` lists, per field with few distinct values
/// (names, each set table, each string property; `field` is the key
/// prefix of the values' bitmaps), every value with its folded form and,
/// for a value too rare for a bitmap, its row ids (`rows`; NULL: the
/// bitmap at `field || value`). A text test (`contains`, `starts with`,
/// `ends with`) is tested once per distinct value: the matching values'
/// bitmaps ORed, their rare rows re-tested.
///
/// The range indexes of `friends` (migration 2) also carry the row id, so
/// a count re-tests the rows between a value and its bound from the index
/// alone (an index-only scan once autovacuum has marked the pages visible)
/// instead of reading each row's heap page.
///
/// `row_number_bitmaps` holds the bound bitmaps of number properties, as
/// `row_range_bitmaps` does for the range columns of `friends`: for one
/// property (`key`, `RowBitmapKey.property`), the friends whose number is
/// below each bound.
extension PostgresSchema {
    /// The layout this segq builds and reads (see migration 8).
    static let rowBitmapLayout: Int32 = 8

    static let rowBitmapLayoutMigration = Migration(version: 8, summary: "row bitmap layout, number property bounds", sql: """
        ALTER TABLE row_bitmap_state ADD COLUMN layout integer NOT NULL DEFAULT 0;
        CREATE TABLE row_number_bitmaps(
            account integer NOT NULL,
            key bytea NOT NULL,
            bound double precision NOT NULL,
            bits bit varying NOT NULL,
            PRIMARY KEY(account, key, bound)
        );
        ALTER TABLE row_number_bitmaps ALTER COLUMN bits SET STORAGE EXTERNAL;
        CREATE TABLE row_value_dictionary(
            account integer NOT NULL,
            field bytea NOT NULL,
            value bytea NOT NULL,
            folded bytea,
            rows integer[],
            PRIMARY KEY(account, field, value)
        );
        \(rangeIndexes.map { index, column in """
            DROP INDEX IF EXISTS \(index);
            CREATE INDEX \(index) ON friends(account, \(column)) INCLUDE (row_id);
            """ }.joined(separator: "\n"))
        """)

    /// The range indexes of `friends` and their columns.
    static let rangeIndexes = [("friends_by_added", "added_ms"), ("friends_by_purchases", "shopify_purchases"),
                               ("friends_by_last_purchase", "shopify_last_purchase_ms"),
                               ("friends_by_cart_abandoned", "shopify_cart_abandoned_ms")]
}
