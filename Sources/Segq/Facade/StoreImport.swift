import SegqSQLiteStore
import SegqPostgresStore
import Foundation
import SegqStore

/// `segq import` and `.import`: friend files into a SQLite store or a
/// PostgreSQL account, created when missing, in one transaction (see `FriendImport`).
public enum StoreImport {
    /// Why nothing could be imported.
    public enum Failure: Error, CustomStringConvertible {
        /// A file could not be read as friend records (exit status 1).
        case unreadable(String)
        /// The store could not be opened or written (exit status 3).
        case store(String)

        public var description: String {
            switch self {
            case .unreadable(let message), .store(let message): return message
            }
        }
    }

    /// True for the friend file types the importers read (`.jsonl`, `.ndjson`, `.csv`).
    public static func isFriendFile(_ path: String) -> Bool {
        FriendFileFormat(url: URL(fileURLWithPath: path)) != nil
    }

    /// Imports `files` into the SQLite store at `storePath`; with `timeZone`
    /// or `accountName`, first sets them in the store's settings.
    public static func run(files: [String], intoStoreAt storePath: String, strict: Bool, replace: Bool,
                           allowEmpty: Bool = false, now: Int64? = nil,
                           timeZone: String? = nil, accountName: String? = nil) throws -> FriendImport.Outcome {
        if PostgresLocation.isPostgresURL(storePath) {
            return try runPostgres(files: files, account: storePath, strict: strict, replace: replace,
                                   allowEmpty: allowEmpty, now: now, timeZone: timeZone, accountName: accountName)
        }
        do {
            let db = try SQLiteStore.openOrCreate(path: storePath)
            if timeZone != nil || accountName != nil {
                var settings = try db.settings()
                if let timeZone { settings.timeZone = timeZone }
                if let accountName { settings.accountName = accountName }
                try db.setSettings(settings)
            }
            return try FriendImport.run(files: files.map { URL(fileURLWithPath: $0) }, into: db, strict: strict,
                                        mode: replace ? .replace : .upsert, allowEmpty: allowEmpty, now: now)
        } catch let error as ImportError {
            throw Failure.unreadable("\(error)")
        } catch let error as SQLiteError {
            throw Failure.store("\(error)")
        } catch {
            throw Failure.store("cannot write \(storePath): \(error)")
        }
    }

    /// `run(files:intoStoreAt:…)` for one account of a PostgreSQL database,
    /// created (with segq's tables) when missing. Errors name the database
    /// without its password.
    private static func runPostgres(files: [String], account url: String, strict: Bool, replace: Bool,
                                    allowEmpty: Bool, now: Int64?, timeZone: String?,
                                    accountName: String?) throws -> FriendImport.Outcome {
        do {
            let store = try PostgresStore.openOrCreate(url)
            if timeZone != nil || accountName != nil {
                var settings = try store.settings()
                if let timeZone { settings.timeZone = timeZone }
                if let accountName { settings.accountName = accountName }
                try store.setSettings(settings)
            }
            return try FriendFileImport.run(files: files.map { URL(fileURLWithPath: $0) }, into: store, strict: strict,
                                            mode: replace ? .replace : .upsert, allowEmpty: allowEmpty, now: now)
        } catch let error as ImportError {
            throw Failure.unreadable("\(error)")
        } catch {
            throw Failure.store("\(error)")
        }
    }

    /// Imports into the session's open database store (a SQLite file or a
    /// PostgreSQL account) and reopens it so the schema and catalogue see
    /// the new friends.
    public static func run(files: [String], into session: Session) throws -> FriendImport.Outcome {
        let urls = files.map { URL(fileURLWithPath: $0) }
        let outcome: FriendImport.Outcome
        do {
            switch session.store {
            case .sqlite(let store)?:
                outcome = try FriendImport.run(files: urls, into: store, strict: false)
            case .postgres(let store)?:
                outcome = try FriendFileImport.run(files: urls, into: store, strict: false)
            default:
                throw Failure.store("import needs a database store: .open a .sqlite/.db file or a postgresql://…?account=NAME URL "
                    + "first (or `segq import --store X.sqlite FILE`)")
            }
        } catch let error as ImportError {
            throw Failure.unreadable("\(error)")
        }
        session.replaceStore(session.store)
        return outcome
    }
}

/// `segq generate`: `count` realistic friends as JSON Lines, the same for the same seed.
public func generateFriends(count: Int, seed: UInt64, now: Int64? = nil, to path: String) throws {
    try FriendGenerator.writeJSONL(count: count, seed: seed, to: URL(fileURLWithPath: path),
                                   now: now ?? FriendGenerator.defaultNow)
}
