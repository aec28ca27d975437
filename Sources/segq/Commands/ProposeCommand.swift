import ArgumentParser
import Foundation
import Segq

/// `segq propose`: what an agent does instead of changing the store. With
/// `--name` it records a pending proposal to save the query as a segment
/// and prints its JSON (with the `id` a person approves); without, it is a
/// dry run printing the query's diagnostics, groups, summary, count and
/// sample. `propose tag …` and `propose segment drop …` record the other
/// changes. Nothing here changes a segment or a tag.
struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: "Propose a segment or tag change for a person to approve (or dry-run a query).",
        discussion: "A person decides with `segq proposal approve|cancel ID`.",
        subcommands: [Query.self, Tag.self, Segment.self],
        defaultSubcommand: Query.self)

    /// `--by`: who proposes.
    struct Proposer: ParsableArguments {
        @Option(help: ArgumentHelp("Who proposes (an agent's name).", valueName: "AGENT"))
        var by: String = ProcessInfo.processInfo.environment["SEGQ_AGENT"] ?? "command line"
    }

    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query", abstract: "Propose saving QUERY as segment --name; without --name, a dry run.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @OptionGroup(title: "Limits") var limits: LimitOptions
        @Option(help: "Record a proposal to save the query as the segment NAME.") var name: String?
        @Option(help: "The segment's folder.") var folder: String?
        @Flag(name: .customLong("static"), help: "Propose a static snapshot of today's members.") var isStatic = false
        @Flag(help: "Propose replacing the saved segment of that name.") var replace = false
        @OptionGroup var proposer: Proposer
        @OptionGroup var input: QueryArgument

        func validate() throws {
            if name == nil && (folder != nil || isStatic || replace) {
                throw ValidationError("--folder, --static and --replace need --name")
            }
        }

        func run() throws {
            let session = try store.openSession(time: time)
            limits.apply(to: session)
            let text = try input.text()
            guard let name else {
                let proposal = try Proposal.make(session: session, query: text)
                JSONOutput.print(proposal.json, from: session)
                if !proposal.compilation.ok { throw SegqExit.queryError }
                return
            }
            try Proposals.record(.saveSegment(name: name, query: text, folder: folder, isStatic: isStatic, replace: replace),
                                 session: session, by: proposer.by)
        }
    }

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose adding, removing, renaming or deleting a tag.",
            discussion: """
                segq propose tag add TAG --query Q      tag the friends Q selects
                segq propose tag remove TAG --query Q   untag them
                segq propose tag rename OLD NEW
                segq propose tag delete TAG
                """)
        enum Action: String, ExpressibleByArgument, CaseIterable { case add, remove, rename, delete }
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "add, remove, rename or delete.") var action: Action
        @Argument(help: "The tag.") var tag: String
        @Argument(help: "The new name (rename only).") var newName: String?
        @Option(help: "The query selecting the friends (add and remove; `-` reads standard input).") var query: String?
        @OptionGroup var proposer: Proposer

        func validate() throws {
            switch action {
            case .add, .remove:
                if query == nil { throw ValidationError("propose tag \(action.rawValue) needs --query") }
                if newName != nil { throw ValidationError("unexpected argument \(newName!)") }
            case .rename:
                if newName == nil { throw ValidationError("propose tag rename needs OLD and NEW") }
                if query != nil { throw ValidationError("--query is for add and remove") }
            case .delete:
                if newName != nil { throw ValidationError("unexpected argument \(newName!)") }
                if query != nil { throw ValidationError("--query is for add and remove") }
            }
        }

        func run() throws {
            let session = try store.openSession(time: time)
            let text = try query.map { try QueryArgument.read($0) }
            let change: ProposedChange
            switch action {
            case .add: change = .addTag(tag: tag, query: text ?? "")
            case .remove: change = .removeTag(tag: tag, query: text ?? "")
            case .rename: change = .renameTag(from: tag, to: newName ?? "")
            case .delete: change = .deleteTag(tag: tag)
            }
            try Proposals.record(change, session: session, by: proposer.by)
        }
    }

    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose dropping a saved segment: segq propose segment drop NAME.")
        enum Action: String, ExpressibleByArgument, CaseIterable { case drop }
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "drop.") var action: Action
        @Argument(help: "The segment.") var name: String
        @OptionGroup var proposer: Proposer

        func run() throws {
            let session = try store.openSession(time: time)
            try Proposals.record(.dropSegment(name: name), session: session, by: proposer.by)
        }
    }
}
