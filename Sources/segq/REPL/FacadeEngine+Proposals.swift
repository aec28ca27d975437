import Foundation
import Segq
import SegqREPLCore

/// `.proposals`, `.approve`, `.cancel` on the facade's `ProposalBook`; the
/// person deciding is the operating system's user, the surface the REPL.
extension FacadeEngine: ProposalEngine {
    func proposals() -> CommandResult {
        catalogResult {
            let reviews = try ProposalBook(session: session).list()
            if reviews.isEmpty { return "no proposals" }
            return TextTable.render(header: ProposalRendering.tableHeader, rows: ProposalRendering.tableRows(reviews))
        }
    }

    func reviewProposal(id: String) -> ProposalReview {
        var found: ProposalBook.Review?
        if case .failed(let text) = catalogResult({ found = try ProposalBook(session: session).review(id: id); return "" }) {
            return .failed(text)
        }
        guard let review = found else { return .failed("error: no proposal with id \(CatalogRendering.quoted(id))") }
        let text = ProposalRendering.text(review)
        if let decision = review.record.decision {
            return .undecidable(text, reason: "proposal \(review.record.id) was already \(decision.status.rawValue)")
        }
        if review.status == .stale {
            return .undecidable(text, reason: "proposal \(review.record.id) is stale: "
                                + review.staleReasons.joined(separator: "; ") + ". Propose it again.")
        }
        return .decidable(text)
    }

    func decideProposal(id: String, approve: Bool) -> CommandResult {
        let person = Person.terminalUser
        return catalogResult {
            let book = try ProposalBook(session: session)
            defer { storeChanged() }
            if approve {
                let record = try book.approve(id: id, by: person, surface: .repl)
                return "approved by \(person): \(record.decision?.note ?? record.kind)"
            }
            try book.cancel(id: id, by: person, surface: .repl)
            return "cancelled by \(person); nothing changed"
        }
    }
}
