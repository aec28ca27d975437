/// Migration 6: what lets a writer and a reader tell what changed.
/// `friends.content_hash` keeps each friend's `FriendContentHash`, so a
/// re-import leaves unchanged friends unwritten (NULL, a friend written
/// before, reads as changed); `accounts.data_version` counts the account's
/// committed writes, so an open session notices another process's import
/// or catalogue change with one read of one row.
extension PostgresSchema {
    static let changeTrackingMigration = Migration(version: 6, summary: "friend content hashes, account data versions", sql: """
        ALTER TABLE friends ADD COLUMN content_hash bigint;
        ALTER TABLE accounts ADD COLUMN data_version bigint NOT NULL DEFAULT 0;
        """)
}
