import ArgumentParser
import Foundation
import Segq
import SegqBasics

/// `segq segment list|show|save|move|drop|export`: saved segments of a database store (SQLite or PostgreSQL).
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Saved segments: list, show, save, move, drop, export.",
        subcommands: [List.self, Show.self, Save.self, Move.self, Drop.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name, current count, where it is used, last updated.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time, json: json)
            let listings = try Catalogs.run(json: json) { try catalog.list() }
            if json {
                Output.line(CatalogRendering.segmentJSON(listings).pretty())
            } else {
                StoreHeader.print(catalog.session)
                Output.write(CatalogRendering.segmentTable(listings))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A segment's query, canonical form, count and usage.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.", completion: CatalogCompletion.segmentNames) var name: String
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time, json: json)
            let detail = try Catalogs.run(json: json) { try catalog.detail(named: name) }
            if json {
                JSONOutput.print(CatalogRendering.segmentDetailJSON(detail), from: catalog.session)
            } else {
                StoreHeader.print(catalog.session)
                Output.write(CatalogRendering.segmentDetail(detail))
            }
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a query as a segment yourself (an agent proposes instead: `segq propose --name`).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.", completion: CatalogCompletion.segmentNames) var name: String
        @Option(help: "The query (`-` reads standard input).") var query: String
        @Option(help: "Folder (a replaced segment keeps its folder unless given; \"\" for none).",
                completion: CatalogCompletion.segmentFolders) var folder: String?
        @Flag(name: .customLong("static"), help: "Store the current members instead of the query's live result.")
        var isStatic = false
        @Flag(help: "Replace a segment of the same name (refused without it, naming what it holds and who uses it).")
        var replace = false
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time, json: json)
            let text = query == "-" ? try StandardInput.text() : query
            let outcome = try Catalogs.run(json: json) {
                try catalog.saveReporting(name: name, query: text, folder: folder, kind: isStatic ? .static : .dynamic,
                                          replace: replace)
            }
            if json { return JSONOutput.print(CatalogRendering.segmentSavedJSON(outcome), from: catalog.session) }
            StoreHeader.print(catalog.session)
            let (saved, compilation) = (outcome.saved, outcome.compilation)
            Diagnostics.report(compilation.warnings, in: compilation.source)
            Output.line("saved \(saved.kind.rawValue) segment \(CatalogRendering.quoted(saved.name)): \(saved.canonicalText)")
            if let replaced = outcome.replaced { Output.line(CatalogRendering.replacedNotice(replaced)) }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a segment into a folder, or out of its folder with --none; says where it was and where it is.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.", completion: CatalogCompletion.segmentNames) var name: String
        @Option(help: "The folder to move the segment into.", completion: CatalogCompletion.segmentFolders) var folder: String?
        @Flag(help: "Take the segment out of its folder.") var none = false
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func validate() throws {
            if none == (folder != nil) { throw ValidationError("give --folder FOLDER, or --none to take the segment out of its folder") }
        }

        func run() throws {
            let catalog = try Catalogs.segments(store, time, json: json)
            let move = try Catalogs.run(json: json) { try catalog.move(name: name, toFolder: none ? nil : folder) }
            if json { return JSONOutput.print(CatalogRendering.segmentMovedJSON(move), from: catalog.session) }
            StoreHeader.print(catalog.session)
            Output.line(CatalogRendering.segmentMoved(move))
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop a segment (refused while others use it).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.", completion: CatalogCompletion.segmentNames) var name: String
        @Flag(help: "Drop even if other segments use it.") var force = false
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time, json: json)
            try Catalogs.run(json: json) { try catalog.drop(name: name, force: force) }
            if json { return JSONOutput.print(CatalogRendering.segmentDroppedJSON(name), from: catalog.session) }
            StoreHeader.print(catalog.session)
            Output.line("dropped segment \(CatalogRendering.quoted(name))")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a segment's members (the broadcast audience).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.", completion: CatalogCompletion.segmentNames) var name: String
        @Option(help: "csv, jsonl or ids.") var format: FriendFormat = .exportDefault
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE.", valueName: "FILE"),
                completion: .file()) var output: String?

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            // Members on standard output are for scripts: the header only
            // when the store was not named (as `eval --format ids|csv|jsonl`).
            if output != nil || store.isDefaulted { StoreHeader.print(catalog.session) }
            guard let output else {
                var out = OutputBuffer()
                if let header = format.header { out.line(header) }
                try Catalogs.run { try catalog.forEachMember(of: name) { out.line(format.line($0)) } }
                out.flush()
                return
            }
            let (text, members) = try Catalogs.run { try catalog.export(name, format: format) }
            do {
                try OutputFile.write(Array(text.utf8), to: output)
            } catch {
                Output.error(WriteFailureText.message(error, path: output))
                throw SegqExit.store
            }
            Output.errorText("wrote \(CountedNoun.text(members, "member")) to \(output)\n")
        }
    }
}

/// Opening catalogs and turning their errors into exit statuses.
enum Catalogs {
    static func segments(_ store: StoreOptions, _ time: TimeOptions?, json: Bool = false) throws -> SegmentCatalog {
        let session = try store.openSession(time: time)
        return try run(json: json) { try SegmentCatalog(session: session) }
    }

    static func tags(_ store: StoreOptions, _ time: TimeOptions?, json: Bool = false) throws -> TagCatalog {
        let session = try store.openSession(time: time)
        return try run(json: json) { try TagCatalog(session: session) }
    }

    /// Runs `body`, turning a refusal into its message (and diagnostics)
    /// and an exit status; with `json`, the refusal is printed as JSON on
    /// standard output (`JSONOutput.failure`) instead of text on standard error.
    static func run<T>(json: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CatalogError {
            if json {
                JSONOutput.failure(error.message, diagnostics: error.diagnostics, in: error.source)
            } else {
                if let source = error.source, !error.diagnostics.isEmpty {
                    Diagnostics.report(error.diagnostics, in: source)
                }
                Output.error(error.message)
            }
            throw error.kind == .needsDatabase ? SegqExit.usage : SegqExit.queryError
        } catch let error as SegqExit {
            throw error
        } catch {
            if json { JSONOutput.failure("\(error)") } else { Output.error("\(error)") }
            throw SegqExit.store
        }
    }
}

extension FriendFormat: ExpressibleByArgument {}
