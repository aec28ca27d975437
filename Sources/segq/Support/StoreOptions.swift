import ArgumentParser
import Foundation
import Segq

/// `--store PATH` (default: `$SEGQ_STORE`, else the bundled sample store for
/// the commands that need friends, the built-in schema for `check` and
/// `normalize`) and `--no-store` (the built-in schema, as without a store).
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Friend store: a .sqlite/.db file, a postgresql://USER@HOST/DB?account=NAME account, or .jsonl/.ndjson/.csv friends (default: $SEGQ_STORE, else the bundled sample where friends are needed, the built-in schema for check and normalize).",
                               valueName: "PATH"),
            completion: .file())
    var store: String?

    @Flag(name: .customLong("no-store"), help: "Use no store: the built-in schema, any property accepted untyped.")
    var noStore = false

    @Flag(help: "Refuse a friend file with a bad record (exit 1) instead of skipping it with a warning.")
    var strict = false

    func validate() throws {
        if noStore && store != nil { throw ValidationError("--store and --no-store exclude each other") }
    }

    /// True when neither `--store` nor `--no-store` was given: the store (or
    /// schema) comes from `$SEGQ_STORE` or the command's fallback.
    var isDefaulted: Bool { store == nil && !noStore }

    /// The store path to open, or nil for none: `--store`, else
    /// `$SEGQ_STORE`, else what `fallback` says.
    func resolvedPath(fallback: StoreFallback = .bundledSample) -> String? {
        if noStore { return nil }
        if let store { return store }
        if let env = ProcessInfo.processInfo.environment["SEGQ_STORE"], !env.isEmpty { return env }
        return fallback == .bundledSample ? BundledSample.path : nil
    }

    func openSession(time: TimeOptions?, fallback: StoreFallback = .bundledSample) throws -> Session {
        let loaded: LoadedStore?
        if let path = resolvedPath(fallback: fallback) {
            do {
                loaded = try OpenedStore.load(path: path)
            } catch {
                Output.error("cannot open store \(OpenedStore.shownName(of: path)): \(error)")
                throw SegqExit.store
            }
            if let loaded, let report = SkippedRecords.report(loaded.problems, path: path, strict: strict) {
                Output.errorText(report)
                if strict { throw SegqExit.queryError }
            }
        } else {
            loaded = nil
        }
        return Session(loaded: loaded, fixedNow: time?.now.flatMap(RFC3339.parse),
                       timeZone: time?.tz.flatMap(TimeZone.init(identifier:)))
    }
}

/// What a command uses when neither `--store` nor `$SEGQ_STORE` names a
/// store: the bundled sample (commands that need friends) or no store at
/// all, checking against the built-in schema (`check`, `normalize`).
enum StoreFallback {
    case bundledSample, builtInSchema
}

/// The one-line header of a text output naming the store or schema used,
/// on standard error so that standard output stays the result alone.
enum StoreHeader {
    static func print(_ session: Session) {
        Output.errorText(session.storeIdentity.line + "\n")
    }
}

/// The sample store bundled with the sources (`samples/friends.jsonl`),
/// found relative to this file so a built checkout always has it.
enum BundledSample {
    static var path: String? {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("samples/friends.jsonl").path
        return FileManager.default.fileExists(atPath: sample) ? sample : nil
    }
}
