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
        @Flag(help: "Print what was rebuilt as JSON: the store, what the bitmaps were, what was written (docs/json-output.md).")
        var json = false

        func run() throws {
            guard let path = store.resolvedPath(fallback: .builtInSchema) else {
                Output.error("give the account with --store or $SEGQ_STORE")
                throw SegqExit.usage
            }
            do {
                try RowBitmapMaintenance.check(url: path)
            } catch {
                Output.error("\(error)")
                throw SegqExit.usage
            }
            let session = try store.openSession(time: nil, fallback: .builtInSchema)
            if !json { StoreHeader.print(session) }
            let report: RowBitmapMaintenance.Report
            do {
                report = try RowBitmapMaintenance.rebuild(in: session)
            } catch {
                Output.error("\(error)")
                throw SegqExit.store
            }
            if json {
                JSONOutput.print(report.json, from: session)
            } else {
                for line in report.lines { Output.write(line + "\n") }
            }
        }
    }
}
