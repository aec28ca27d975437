import ArgumentParser
import Foundation
import Segq

/// `segq proposal list|show|approve|cancel`: a person deciding what agents
/// proposed. Approving asks `Approve? [y/N]` and needs standard input to be
/// a terminal; cancelling makes no change but the proposal's status, so it
/// works without one (an agent may withdraw its own proposal).
struct ProposalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal", abstract: "Review and decide proposals: list, show, approve, cancel.",
        subcommands: [List.self, Show.self, Approve.self, Cancel.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every proposal, newest first, with its status now.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let book = try Proposals.book(store, time, json: json)
            let reviews = try Catalogs.run(json: json) { try book.list() }
            if json { return Output.line(JSONValue.array(reviews.map(ProposalRendering.json)).pretty()) }
            StoreHeader.print(book.session)
            if reviews.isEmpty {
                Output.line("no proposals")
            } else {
                Output.write(TextTable.render(header: ProposalRendering.tableHeader, rows: ProposalRendering.tableRows(reviews)))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The whole proposal: change, groups, summary, counts then and now, diff.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "The proposal's id.") var id: String
        @Flag(help: "Print JSON (docs/json-output.md).") var json = false

        func run() throws {
            let book = try Proposals.book(store, time, json: json)
            let review = try Catalogs.run(json: json) { try book.review(id: id) }
            if json { return JSONOutput.print(ProposalRendering.json(review), from: book.session) }
            StoreHeader.print(book.session)
            Output.write(ProposalRendering.text(review))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a proposal and ask `Approve? [y/N]`: y or yes makes the change, anything else cancels it.",
            discussion: "Needs a person at a terminal: refused when standard input is not one.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "The proposal's id.") var id: String

        func run() throws {
            guard Person.atTerminal else {
                Output.error(Person.needsTerminal)
                throw SegqExit.queryError
            }
            let book = try Proposals.book(store, time)
            let review = try Catalogs.run { try book.review(id: id) }
            StoreHeader.print(book.session)
            Output.write(ProposalRendering.text(review))
            try Proposals.requireDecidable(review)
            Output.write("Approve? [y/N] ")
            let answer = readLine() ?? ""
            let person = Person.terminalUser
            if Person.approves(answer) {
                let record = try Catalogs.run { try book.approve(id: review.record.id, by: person, surface: .terminal) }
                Output.line("approved by \(person): \(record.decision?.note ?? record.kind)")
            } else {
                _ = try Catalogs.run { try book.cancel(id: review.record.id, by: person, surface: .terminal) }
                Output.line("cancelled by \(person); nothing changed")
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a proposal and cancel it (nothing else changes; works without a terminal).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Argument(help: "The proposal's id.") var id: String
        @Option(help: "Why, for the record.") var note: String?

        func run() throws {
            let book = try Proposals.book(store, time)
            let review = try Catalogs.run { try book.review(id: id) }
            StoreHeader.print(book.session)
            Output.write(ProposalRendering.text(review))
            let person = Person.terminalUser
            _ = try Catalogs.run { try book.cancel(id: review.record.id, by: person, surface: .terminal, note: note) }
            Output.line("cancelled by \(person); nothing changed")
        }
    }
}

/// Opening the proposal book and recording proposals, for `propose` and `proposal`.
enum Proposals {
    static func book(_ store: StoreOptions, _ time: TimeOptions?, json: Bool = false) throws -> ProposalBook {
        let session = try store.openSession(time: time)
        return try Catalogs.run(json: json) { try ProposalBook(session: session) }
    }

    /// Records `change` and prints the proposal's JSON (with its `id`).
    static func record(_ change: ProposedChange, session: Session, by proposer: String) throws {
        let book = try Catalogs.run { try ProposalBook(session: session) }
        let record = try Catalogs.run { try book.propose(change, by: proposer) }
        let review = ProposalBook.Review(justProposed: record)
        JSONOutput.print(ProposalRendering.json(review), from: session)
        Output.errorText("proposal \(record.id) is pending: a person approves it with `segq proposal approve \(record.id)`\n")
    }

    /// Refuses a proposal already decided, or stale (after it was shown).
    static func requireDecidable(_ review: ProposalBook.Review) throws {
        if let decision = review.record.decision {
            Output.error("proposal \(review.record.id) was already \(decision.status.rawValue)")
            throw SegqExit.queryError
        }
        if review.status == .stale {
            Output.error("proposal \(review.record.id) is stale: " + review.staleReasons.joined(separator: "; ")
                         + ". Propose it again.")
            throw SegqExit.queryError
        }
    }
}
