import ArgumentParser
import Foundation
import Segq

/// `segq import --store DB FILE…`: friends from JSONL/CSV into a SQLite
/// store, created when missing, in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import friends from .jsonl/.ndjson/.csv files into a SQLite or PostgreSQL store (one transaction).",
        discussion: """
            Bad records are reported with file, line and reason; the good ones are imported, \
            or none with --strict. Existing friends with the same id are updated (--replace: \
            the store holds exactly the imported friends; files that hold no friend are refused \
            and the store kept, unless --allow-empty). Exit status 1 when any record was bad.
            """)

    @Option(help: ArgumentHelp("The SQLite store (.sqlite/.db) or PostgreSQL account (postgresql://USER@HOST/DB?account=NAME), created when missing.", valueName: "DB"),
            completion: .file())
    var store: String
    @Flag(help: "Import nothing when any record is bad.") var strict = false
    @Flag(help: "Replace every friend instead of updating by id.") var replace = false
    @Flag(help: "With --replace, empty the store when the files hold no friend (refused otherwise).")
    var allowEmpty = false
    @Option(help: ArgumentHelp("Set the store's time zone (IANA name).", valueName: "ZONE"))
    var tz: String?
    @Option(help: ArgumentHelp("The instant the import records as the tags' last update, RFC 3339 (default: the current time).",
                               valueName: "RFC3339"))
    var now: String?
    @Option(help: ArgumentHelp("Set the store's account name.", valueName: "NAME"))
    var account: String?
    @Flag(help: "Print the import report as JSON: friends imported, new and updated, every skipped record (docs/json-output.md).")
    var json = false
    @Argument(help: "Friend files (.jsonl, .ndjson, .csv).", completion: .file(extensions: ["jsonl", "ndjson", "csv"]))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one friend file") }
        if !OpenedStore.isDatabase(path: store) && !OpenedStore.isServerURL(store) {
            throw ValidationError("--store must be a SQLite file (.sqlite or .db) or a postgresql:// URL, not \(OpenedStore.shownName(of: store))")
        }
        if let tz, TimeZone(identifier: tz) == nil { throw ValidationError("--tz: unknown time zone `\(tz)`") }
        if let now, RFC3339.parse(now) == nil {
            throw ValidationError("--now: `\(now)` is not an RFC 3339 instant (e.g. 2026-11-23T09:00:00Z)")
        }
        for file in files where !StoreImport.isFriendFile(file) {
            throw ValidationError("\(file): unsupported file type (expected .jsonl, .ndjson or .csv)")
        }
    }

    func run() throws {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            fail("no such file: \(file)")
            throw SegqExit.queryError
        }
        let outcome: FriendImport.Outcome
        do {
            outcome = try StoreImport.run(files: files, intoStoreAt: store, strict: strict, replace: replace,
                                          allowEmpty: allowEmpty, now: now.flatMap(RFC3339.parse),
                                          timeZone: tz, accountName: account)
        } catch StoreImport.Failure.unreadable(let message) {
            fail(message)
            throw SegqExit.queryError
        } catch {
            fail("\(error)")
            throw SegqExit.store
        }
        // Name files as the user gave them, not as absolute paths.
        let given = Dictionary(files.map { (URL(fileURLWithPath: $0).path, $0) }, uniquingKeysWith: { a, _ in a })
        let problems = outcome.report.problems.map { problem in
            var problem = problem
            if let file = problem.file, let original = given[file] { problem.file = original }
            return problem
        }
        let bad = problems.count
        if json {
            JSONOutput.print(ImportRendering.json(outcome, store: OpenedStore.shownName(of: store), problems: problems))
            if bad > 0 || outcome.refusal != nil { throw SegqExit.queryError }
            return
        }
        for problem in problems { Output.errorText("\(problem)\n") }
        if outcome.refusal == .emptyReplacement {
            Output.error(ImportRendering.summary(outcome, store: OpenedStore.shownName(of: store)))
            throw SegqExit.queryError
        }
        Output.line(ImportRendering.summary(outcome, store: OpenedStore.shownName(of: store)))
        if bad > 0 { throw SegqExit.queryError }
    }
}

extension ImportCommand {
    /// A failure before any record is read: text on standard error, or the
    /// JSON failure object with `--json`.
    private func fail(_ message: String) {
        if json { JSONOutput.failure(message) } else { Output.error(message) }
    }
}

enum Clock {
    static func milliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Monotonic nanoseconds, for timing.
    static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
