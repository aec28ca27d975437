import ArgumentParser
import Foundation
import Segq
import SegqBasics

/// `segq tag list|usage|rename|delete|add|remove`: tags of a database store (SQLite or PostgreSQL)
/// (`list` also lists the tags of friend files, with their counts).
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Tags: list, usage, rename, delete, add, remove, folder.",
        subcommands: [List.self, Usage.self, Rename.self, Delete.self, Add.self, Remove.self, Folder.self])

    struct Folder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a tag in a folder (shown by `tag list`), or take it out with --none.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Argument(help: "Folder name.") var folder: String?
        @Flag(help: "Take the tag out of its folder.") var none = false

        func validate() throws {
            if none == (folder != nil) { throw ValidationError("give a FOLDER, or --none to take the tag out of its folder") }
        }

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let tag = try Catalogs.run { try catalog.setFolder(name, folder: none ? nil : folder) }
            Output.line(CatalogRendering.tagFolder(tag))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Name, folder, number of friends, last updated.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let session = try store.openSession(time: time)
            let tags = try Catalogs.run { try session.tagListing(counting: QueryEvaluator(session: session)) }
            if json {
                Output.line(CatalogRendering.tagJSON(tags).pretty())
            } else {
                Output.write(CatalogRendering.tagTable(tags))
            }
        }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The segments that use a tag (from their syntax trees).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let usage = try Catalogs.run { () -> [TagCatalog.Usage] in
                try catalog.requireTag(name)
                return try catalog.usage(of: name)
            }
            guard !usage.isEmpty else { Output.line("no segment uses tag \(CatalogRendering.quoted(name))"); return }
            for u in usage {
                Output.line(u.exact ? u.segment : "\(u.segment) (by pattern)")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a tag on every friend and in every segment that uses it (one transaction); lists each affected segment's count before and after.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Current name.") var old: String
        @Argument(help: "New name.") var new: String
        @Flag(help: "If the new name exists, merge the two tags.") var merge = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let result = try Catalogs.run { try catalog.rename(old, to: new, merge: merge) }
            Output.write(CatalogRendering.tagRenamed(old, to: new, result))
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a tag (refused while segments use it); lists each affected segment's count before and after.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Flag(help: "Delete even if segments use it.") var force = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let change = try Catalogs.run { try catalog.deleteReporting(name, force: force) }
            Output.write(CatalogRendering.tagDeleted(name, change))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a tag to the friends a query matches.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Option(help: "The friends to tag.") var query: String

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let n = try Catalogs.run { try catalog.apply(name, query: query, remove: false) }
            Output.line("added tag \(CatalogRendering.quoted(name)) to \(CountedNoun.text(n, "friend"))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a tag from the friends a query matches.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Option(help: "The friends to untag.") var query: String

        func run() throws {
            let catalog = try Catalogs.tags(store, time)
            let n = try Catalogs.run { try catalog.apply(name, query: query, remove: true) }
            Output.line("removed tag \(CatalogRendering.quoted(name)) from \(CountedNoun.text(n, "friend"))")
        }
    }
}
