import ArgumentParser
import Foundation
import Segq
import SegqBasics

/// `segq segment list|show|save|drop|export`: saved segments of a database store (SQLite or PostgreSQL).
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Saved segments: list, show, save, drop, export.",
        subcommands: [List.self, Show.self, Save.self, Drop.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name, current count, where it is used, last updated.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            let listings = try Catalogs.run { try catalog.list() }
            if json {
                Output.line(CatalogRendering.segmentJSON(listings).pretty())
            } else {
                Output.write(CatalogRendering.segmentTable(listings))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A segment's query, canonical form, count and usage.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            Output.write(try Catalogs.run { CatalogRendering.segmentDetail(try catalog.detail(named: name)) })
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a query as a segment yourself (an agent proposes instead: `segq propose --name`).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String
        @Option(help: "The query (`-` reads standard input).") var query: String
        @Option(help: "Folder (a replaced segment keeps its folder unless given; \"\" for none).") var folder: String?
        @Flag(name: .customLong("static"), help: "Store the current members instead of the query's live result.")
        var isStatic = false
        @Flag(help: "Replace a segment of the same name (refused without it, naming what it holds and who uses it).")
        var replace = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            let text = query == "-" ? try StandardInput.text() : query
            let outcome = try Catalogs.run {
                try catalog.saveReporting(name: name, query: text, folder: folder, kind: isStatic ? .static : .dynamic,
                                          replace: replace)
            }
            let (saved, compilation) = (outcome.saved, outcome.compilation)
            Diagnostics.report(compilation.warnings, in: compilation.source)
            Output.line("saved \(saved.kind.rawValue) segment \(CatalogRendering.quoted(saved.name)): \(saved.canonicalText)")
            if let replaced = outcome.replaced { Output.line(CatalogRendering.replacedNotice(replaced)) }
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop a segment (refused while others use it).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String
        @Flag(help: "Drop even if other segments use it.") var force = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            try Catalogs.run { try catalog.drop(name: name, force: force) }
            Output.line("dropped segment \(CatalogRendering.quoted(name))")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a segment's members (the broadcast audience).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String
        @Option(help: "csv, jsonl or ids.") var format: FriendFormat = .exportDefault
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE.", valueName: "FILE")) var output: String?

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
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
    static func segments(_ store: StoreOptions, _ time: TimeOptions?) throws -> SegmentCatalog {
        let session = try store.openSession(time: time)
        return try run { try SegmentCatalog(session: session) }
    }

    static func tags(_ store: StoreOptions, _ time: TimeOptions?) throws -> TagCatalog {
        let session = try store.openSession(time: time)
        return try run { try TagCatalog(session: session) }
    }

    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CatalogError {
            if let source = error.source, !error.diagnostics.isEmpty {
                Diagnostics.report(error.diagnostics, in: source)
            }
            Output.error(error.message)
            throw error.kind == .needsDatabase ? SegqExit.usage : SegqExit.queryError
        } catch let error as SegqExit {
            throw error
        } catch {
            Output.error("\(error)")
            throw SegqExit.store
        }
    }
}

extension FriendFormat: ExpressibleByArgument {}
