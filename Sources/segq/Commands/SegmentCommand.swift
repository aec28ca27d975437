import ArgumentParser
import Foundation
import Segq

/// `segq segment list|show|save|drop|export`: saved segments of a SQLite store.
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
                Output.line(JSONValue.array(listings.map { l in
                    .object([("name", .string(l.segment.name)), ("folder", l.segment.folder.map(JSONValue.string) ?? .null),
                             ("kind", .string(l.segment.kind.rawValue)),
                             ("count", l.count.map { .int(Int64($0)) } ?? .null),
                             ("used_by", .array(l.usedBy.map(JSONValue.string))),
                             ("updated_at", .string(RFC3339.format(l.segment.updatedAt)))])
                }).pretty())
                return
            }
            guard !listings.isEmpty else { Output.line("no saved segments"); return }
            Output.write(TextTable.render(
                header: ["name", "folder", "kind", "count", "used by", "last updated"],
                rows: listings.map { l in
                    [l.segment.name, l.segment.folder ?? "", l.segment.kind.rawValue, l.count.map(String.init) ?? "error",
                     l.usedBy.joined(separator: ", "), RFC3339.format(l.segment.updatedAt)]
                }))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A segment's query, canonical form, count and usage.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            let (segment, usedBy) = try Catalogs.run { (try catalog.segment(named: name), try catalog.usedBy(name)) }
            let listing = try Catalogs.run { try catalog.list().first { $0.segment.name == segment.name } }
            var lines = [
                "name:       \(segment.name)",
                "folder:     \(segment.folder ?? "-")",
                "kind:       \(segment.kind.rawValue)",
                "query:      \(segment.queryText)",
                "canonical:  \(segment.canonicalText)",
                "count:      \(listing?.count.map(String.init) ?? "error")",
                "used by:    \(usedBy.isEmpty ? "-" : usedBy.joined(separator: ", "))",
                "created:    \(RFC3339.format(segment.createdAt))",
                "updated:    \(RFC3339.format(segment.updatedAt))",
            ]
            let compilation = catalog.session.compile(segment.canonicalText)
            if let form = compilation.normalForm {
                lines.append("summary:    " + Summary.text(of: form, context: catalog.session.summaryContext))
            }
            lines.append("provenance: " + (try Catalogs.run { try ProposalBook(session: catalog.session).provenanceText(of: segment) }))
            Output.line(lines.joined(separator: "\n"))
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a query as a segment yourself (an agent proposes instead: `segq propose --name`).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String
        @Option(help: "The query (`-` reads standard input).") var query: String
        @Option(help: "Folder.") var folder: String?
        @Flag(name: .customLong("static"), help: "Store the current members instead of the query's live result.")
        var isStatic = false
        @Flag(help: "Replace a segment of the same name.") var replace = false

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            let text = query == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : query
            let (saved, compilation) = try Catalogs.run {
                try catalog.save(name: name, query: text, folder: folder, kind: isStatic ? .static : .dynamic,
                                 replace: replace)
            }
            Diagnostics.report(compilation.warnings, in: compilation.source)
            Output.line("saved \(saved.kind.rawValue) segment \(QueryPrinter.stringText(saved.name)): \(saved.canonicalText)")
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop a segment (refused while others use it).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Segment name.") var name: String
        @Flag(help: "Drop even if other segments use it.") var force = false

        func run() throws {
            let catalog = try Catalogs.segments(store, nil)
            try Catalogs.run { try catalog.drop(name: name, force: force) }
            Output.line("dropped segment \(QueryPrinter.stringText(name))")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a segment's members (the broadcast audience).")
        enum Format: String, ExpressibleByArgument { case csv, jsonl, ids }
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Segment name.") var name: String
        @Option(help: "csv, jsonl or ids.") var format: Format = .csv
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE.", valueName: "FILE")) var output: String?

        func run() throws {
            let catalog = try Catalogs.segments(store, time)
            var out = OutputBuffer()
            var lines: [String] = []
            let toFile = output != nil
            func emit(_ line: String) { if toFile { lines.append(line) } else { out.line(line) } }
            if format == .csv { emit(FriendCSV.header) }
            try Catalogs.run {
                try catalog.forEachMember(of: name) { friend in
                    switch format {
                    case .csv: emit(FriendCSV.row(friend))
                    case .jsonl: emit(FriendJSONLWriter.line(friend))
                    case .ids: emit(friend.id)
                    }
                }
            }
            if let output {
                do {
                    try (lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))
                        .write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    Output.error("cannot write \(output): \(error)")
                    throw SegqExit.store
                }
                Output.errorText("wrote \(lines.count - (format == .csv ? 1 : 0)) member(s) to \(output)\n")
            } else {
                out.flush()
            }
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
