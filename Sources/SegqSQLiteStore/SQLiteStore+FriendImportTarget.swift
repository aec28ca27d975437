import SegqStore

/// `FriendFileImport` streams files into a SQLite store.
extension SQLiteStore: FriendImportTarget {}
extension FriendWriter: FriendAdding {}
