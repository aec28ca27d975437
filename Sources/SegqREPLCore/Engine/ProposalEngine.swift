/// The proposals of the open store, for `.proposals`, `.approve` and
/// `.cancel`: an engine that has them conforms too. The REPL owns the
/// question and who may answer it; the engine shows and decides.
public protocol ProposalEngine: AnyObject {
    /// Every proposal with its status now, as a table (`.proposals`).
    func proposals() -> CommandResult

    /// The whole proposal as a person reads it before deciding.
    func reviewProposal(id: String) -> ProposalReview

    /// Approves (true) or cancels (false) the proposal as the person at
    /// this terminal; the result says what changed, or why nothing did.
    func decideProposal(id: String, approve: Bool) -> CommandResult
}

/// A proposal shown before a decision.
public enum ProposalReview: Equatable, Sendable {
    /// Pending and still approvable: the rendered proposal.
    case decidable(String)
    /// Shown, but it cannot be decided (already decided, or stale): the
    /// rendered proposal and why.
    case undecidable(String, reason: String)
    /// No such proposal, or no store that holds proposals.
    case failed(String)
}
