/// A query that starts with `and` or `or` (`and not` included) refines the
/// last query instead of standing alone: after `tag = "VIP"`, the line
/// `and shopify.purchases >= 3` runs `(tag = "VIP") and shopify.purchases >= 3`
/// and `or tag = "Wholesale"` runs `(tag = "VIP") or tag = "Wholesale"`.
/// The last query is parenthesised whole, so the refinement applies to all
/// of it.
enum QueryRefinement {
    /// The connective `query` starts with (`and` or `or`, in any case), or
    /// nil when it is a query of its own.
    static func connective(of query: String) -> String? {
        let text = query.trimmingLeadingBlanks()
        let word = text.prefix { $0.isLetter }
        let lowered = word.lowercased()
        guard lowered == "and" || lowered == "or" else { return nil }
        let next = text.dropFirst(word.count).first
        guard next == nil || next == " " || next == "\t" || next == "\n" || next == "(" else { return nil }
        return lowered
    }

    /// `last` parenthesised, then `refinement` as typed (leading blanks
    /// removed). A `#` comment on the last query's final line would hide
    /// the closing parenthesis, so it goes on a line of its own then.
    static func refined(_ last: String, by refinement: String) -> String {
        let finalLine = last.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        let close = finalLine.contains("#") ? "\n)" : ")"
        return "(" + last + close + " " + refinement.trimmingLeadingBlanks()
    }
}
