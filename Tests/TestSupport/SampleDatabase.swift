import Foundation

/// A SQLite store in a scratch folder of its own, holding the 2,000 sample
/// friends (`segq import --store PATH samples/friends.jsonl`) or, with
/// `importSample: false`, not yet created. Commands run the built binary
/// with `--store` naming it; the folder goes with the value.
public final class SampleDatabase {
    public let folder: ScratchFolder
    /// The database file.
    public let path: String
    /// The instant `count` evaluates relative times at (`--now`); nil for the clock.
    public let now: String?
    /// Options every command is given after `--store PATH`.
    public let options: [String]

    public init(_ purpose: String = "sample-db", file: String = "store.sqlite", now: String? = nil,
                options: [String] = [], importSample: Bool = true) throws {
        folder = try ScratchFolder(purpose)
        path = folder.path(file)
        self.now = now
        self.options = options
        if importSample {
            let sample = CLIRunner.repositoryRoot.appendingPathComponent("samples/friends.jsonl").path
            let imported = try CLIRunner.run(["import", "--store", path, sample])
            guard imported.status == 0 else {
                throw SampleDatabaseFailure(description: "segq import failed: " + imported.combined)
            }
        }
    }

    /// The path of `name` beside the database.
    public func file(_ name: String) -> String { folder.path(name) }

    /// `segq ARGUMENTS… --store PATH OPTIONS…`.
    @discardableResult
    public func segq(_ arguments: [String], stdin: String = "") throws -> CLIRunner.Result {
        try CLIRunner.run(arguments + ["--store", path] + options, stdin: stdin)
    }

    /// The number `segq eval QUERY` prints (at `now` when set); -1 when it prints no number.
    public func count(_ query: String) throws -> Int {
        let result = try segq(["eval"] + (now.map { ["--now", $0] } ?? []) + [query])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// The sample could not be imported.
public struct SampleDatabaseFailure: Error, CustomStringConvertible {
    public var description: String
}
