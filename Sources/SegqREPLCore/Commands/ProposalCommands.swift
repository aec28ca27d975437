import Foundation

/// `.proposals`, `.approve ID`, `.cancel ID`: a person at the REPL decides
/// what agents proposed. `.approve` asks `Approve? [y/N]` (`y` or `yes`
/// approves, any other answer cancels) and only a person at a terminal can
/// answer: in script mode it is refused. Ctrl-C or Ctrl-D at the question
/// leaves the proposal pending. `.cancel` changes nothing but the
/// proposal, so it also runs in scripts.
extension REPLSession {
    static let approvalNeedsTerminal = "approving needs a person at a terminal"

    var proposalEngine: ProposalEngine? { engine as? ProposalEngine }

    func listProposals(_ line: DotCommandLine) -> CommandStatus {
        guard line.words.isEmpty else { return usageError("proposals") }
        guard let engine = proposalEngine else { return noProposals() }
        return report(engine.proposals())
    }

    func approveProposal(_ line: DotCommandLine) -> CommandStatus {
        guard line.words.count == 1, let id = line.words.first?.text else { return usageError("approve") }
        guard let reader, reader.isInteractive else {
            fail(Self.approvalNeedsTerminal)
            return .failed
        }
        guard let engine = proposalEngine else { return noProposals() }
        guard showDecidable(engine.reviewProposal(id: id)) else { return .failed }
        switch reader.readLine(prompt: .question("Approve? [y/N] ")) {
        case .line(let answer):
            let word = answer.trimmingCharacters(in: .whitespaces).lowercased()
            return report(engine.decideProposal(id: id, approve: word == "y" || word == "yes"))
        case .interrupted, .endOfInput, .invalidUTF8:
            note("Not decided; the proposal stays pending.")
            return .done
        }
    }

    func cancelProposal(_ line: DotCommandLine) -> CommandStatus {
        guard line.words.count == 1, let id = line.words.first?.text else { return usageError("cancel") }
        guard let engine = proposalEngine else { return noProposals() }
        guard showDecidable(engine.reviewProposal(id: id)) else { return .failed }
        return report(engine.decideProposal(id: id, approve: false))
    }

    /// Shows the proposal; false (after saying why) when it cannot be decided.
    private func showDecidable(_ review: ProposalReview) -> Bool {
        switch review {
        case .decidable(let text):
            note(text)
            return true
        case .undecidable(let text, let reason):
            note(text)
            fail(reason)
            return false
        case .failed(let text):
            failRendered(text)
            return false
        }
    }

    private func noProposals() -> CommandStatus {
        fail("this engine has no proposals")
        return .failed
    }
}
