import ArgumentParser
import Segq

/// `segq store rebuild-bitmaps --store URL`: store maintenance.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Store maintenance.",
        subcommands: [RebuildBitmaps.self])

    /// Rebuilds a PostgreSQL account's row bitmaps (stale, or built by an older segq).
    struct RebuildBitmaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild-bitmaps",
            abstract: "Rebuild a PostgreSQL account's row bitmaps and say what they were (counts are exact either way; stale bitmaps make them slower).")

        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let path = store.resolvedPath(fallback: .builtInSchema) else {
                Output.error("give the account with --store or $SEGQ_STORE")
                throw SegqExit.usage
            }
            do {
                for line in try RowBitmapMaintenance.rebuild(url: path) { Output.write(line + "\n") }
            } catch let failure as RowBitmapMaintenance.Failure {
                Output.error("\(failure)")
                if case .notPostgres = failure { throw SegqExit.usage }
                throw SegqExit.store
            }
        }
    }
}
