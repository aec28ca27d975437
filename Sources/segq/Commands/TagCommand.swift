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
        @Argument(help: "Tag name.", completion: CatalogCompletion.tagNames) var name: String
        @Argument(help: "Folder name.", completion: CatalogCompletion.tagFolders) var folder: String?
        @Flag(help: "Take the tag out of its folder.") var none = false
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func validate() throws {
            if none == (folder != nil) { throw ValidationError("give a FOLDER, or --none to take the tag out of its folder") }
        }

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let tag = try Catalogs.run(json: json) { try catalog.setFolder(name, folder: none ? nil : folder) }
            if json { return JSONOutput.print(CatalogRendering.tagObject(tag), from: catalog.session) }
            StoreHeader.print(catalog.session)
            Output.line(CatalogRendering.tagFolder(tag))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Name, folder, number of friends, last updated.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let session = try store.openSession(time: time)
            let tags = try Catalogs.run(json: json) { try session.tagListing(counting: QueryEvaluator(session: session)) }
            if json {
                Output.line(CatalogRendering.tagJSON(tags).pretty())
            } else {
                StoreHeader.print(session)
                Output.write(CatalogRendering.tagTable(tags))
            }
        }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The segments that use a tag (from their syntax trees).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let usage = try Catalogs.run(json: json) { () -> [TagCatalog.Usage] in
                try catalog.requireTag(name)
                return try catalog.usage(of: name)
            }
            if json { return JSONOutput.print(CatalogRendering.tagUsageJSON(name, usage), from: catalog.session) }
            StoreHeader.print(catalog.session)
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
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let result = try Catalogs.run(json: json) { try catalog.rename(old, to: new, merge: merge) }
            if json {
                return JSONOutput.print(CatalogRendering.tagChangeJSON(action: "rename", tag: old, newName: new, result),
                                        from: catalog.session)
            }
            StoreHeader.print(catalog.session)
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
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let change = try Catalogs.run(json: json) { try catalog.deleteReporting(name, force: force) }
            if json {
                return JSONOutput.print(CatalogRendering.tagChangeJSON(action: "delete", tag: name, newName: nil, change),
                                        from: catalog.session)
            }
            StoreHeader.print(catalog.session)
            Output.write(CatalogRendering.tagDeleted(name, change))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a tag to the friends a query matches; lists each segment using the tag with its count before and after.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Option(help: "The friends to tag.") var query: String
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let change = try Catalogs.run(json: json) { try catalog.applyReporting(name, query: query, remove: false) }
            if json { return JSONOutput.print(CatalogRendering.tagAppliedJSON(action: "add", tag: name, change), from: catalog.session) }
            StoreHeader.print(catalog.session)
            Output.write(CatalogRendering.tagApplied(name, removed: false, change))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a tag from the friends a query matches; lists each segment using the tag with its count before and after.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "Tag name.") var name: String
        @Option(help: "The friends to untag.") var query: String
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let catalog = try Catalogs.tags(store, time, json: json)
            let change = try Catalogs.run(json: json) { try catalog.applyReporting(name, query: query, remove: true) }
            if json {
                return JSONOutput.print(CatalogRendering.tagAppliedJSON(action: "remove", tag: name, change), from: catalog.session)
            }
            StoreHeader.print(catalog.session)
            Output.write(CatalogRendering.tagApplied(name, removed: true, change))
        }
    }
}
