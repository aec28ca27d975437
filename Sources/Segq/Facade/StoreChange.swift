import Foundation
import SegqSQLiteStore
import SegqPostgresStore

/// What identifies the data a session's store was read from, to notice
/// that another process changed it: a SQLite store's `data_version` and
/// the file at its path; a PostgreSQL account's count of other
/// connections' writes (`PostgresStore.dataVersion`); a friend file's
/// identity, size and modification time. Reading it costs one pragma, one
/// `stat` or one single-row query.
struct StoreDiskState: Equatable {
    var dataVersion: Int64?
    var file: FileIdentity?

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        /// Only the file's identity (for a database, whose size and time
        /// change with every write, this connection's included).
        var identityOnly: FileIdentity { FileIdentity(device: device, inode: inode, size: 0, modified: 0) }

        init(device: UInt64, inode: UInt64, size: Int64, modified: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                      modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
    }

    /// The state of `store` now; nil when there is nothing to watch.
    static func current(of store: OpenedStore?) -> StoreDiskState? {
        switch store {
        case .sqlite(let database)?:
            return StoreDiskState(dataVersion: try? database.dataVersion(),
                                  file: FileIdentity(path: database.path)?.identityOnly)
        case .memory(_, let path)?:
            return StoreDiskState(dataVersion: nil, file: FileIdentity(path: path))
        case .postgres(let account)?:
            return StoreDiskState(dataVersion: try? account.dataVersion(), file: nil)
        default:
            return nil
        }
    }
}

/// A store the session read again because another process changed it.
public struct StoreReload: Sendable {
    /// The store's path (a PostgreSQL URL without its password).
    public var path: String
    /// Friends in the store as reloaded.
    public var friends: Int
    /// Where the change was made: `on disk` (a file), `on the server` (PostgreSQL).
    public var origin = "on disk"
}

extension Session {
    /// Notices whether another process changed the open store since it was
    /// opened (or last checked) and, if so, reads it again: a SQLite store
    /// changed in place is re-read through its connection, a store file
    /// replaced (a new file at the path) or a friend file changed is
    /// opened again. Returns what was reloaded, or nil when nothing changed
    /// (the common case: one pragma or one `stat`). A PostgreSQL account
    /// another process wrote to is read again through the same connection.
    /// The REPL and `segq mcp` call it before each query and catalogue command.
    public func reloadIfChangedOnDisk() throws -> StoreReload? {
        guard let store, let seen = diskState else { return nil }
        let now = StoreDiskState.current(of: store)
        guard let now, now != seen else { return nil }
        switch store {
        case .sqlite(let database) where now.file == seen.file || now.file == nil:
            replaceStore(.sqlite(database))
            return StoreReload(path: database.path, friends: try database.friendCount())
        case .sqlite(let database):
            let loaded = try OpenedStore.load(path: database.path)
            replaceStore(loaded)
            return StoreReload(path: database.path, friends: loaded.report.accepted)
        case .memory(_, let path):
            guard now.file != nil else {
                diskState = now
                return nil  // the file is gone: keep what was loaded
            }
            let loaded = try OpenedStore.load(path: path)
            replaceStore(loaded)
            return StoreReload(path: path, friends: loaded.report.accepted)
        case .postgres(let account):
            replaceStore(.postgres(account))
            return StoreReload(path: account.location.description, friends: try account.friendCount(), origin: "on the server")
        }
    }
}
