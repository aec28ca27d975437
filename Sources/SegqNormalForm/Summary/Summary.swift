import SegqSyntax
import SegqSemantics

/// The plain-language reading of a normal form for the approval step:
/// "Friends who have the tag "VIP" and whose number of
/// Shopify purchases is not at least 3, including friends not linked to
/// Shopify."
///
/// Contracts:
/// - Faithful to Grammar/README.md "Missing values and negation": every group with a condition that holds
///   on a missing value says which friends that brings in ("including
///   friends not linked to Shopify", "… with no name"); positive tests,
///   false on missing values, need no such note.
/// - Groups are ORed: "Either friends who …; or friends whose …".
///   Conditions are ANDed.
/// - Time values stay symbolic ("7 days ago", "today") without a context;
///   with one, each time phrase is resolved in its zone and says so:
///   "added on or after 16 Nov 2026 (UTC)".
/// - Strings are quoted as in query text, so odd values stay unambiguous.
public enum Summary {
    public static func text(of normalForm: NormalForm, context: EvaluationContext? = nil) -> String {
        if normalForm.matchesNobody { return "No friends: the query can never match." }
        if normalForm.matchesEverybody { return "All friends." }
        let describer = ConditionDescriber(context: context)
        let groups = normalForm.groups.map { group(of: $0, describer) }
        if groups.count == 1 { return "Friends " + groups[0] + "." }
        return "Either friends " + groups.joined(separator: "; or friends ") + "."
    }

    /// One group: its clauses joined by "and", then the missing-value note.
    static func group(of group: Group, _ describer: ConditionDescriber) -> String {
        var out = ""
        var previous: ClauseKind?
        var notes: [String] = []
        for condition in group.conditions {
            let clause = describer.clause(for: condition)
            if previous != nil { out += " and " }
            if clause.kind == .who && (previous == nil || previous == .whose) { out += "who " }
            out += clause.text
            previous = clause.kind
            if let note = clause.includes, !note.isEmpty, !notes.contains(note) { notes.append(note) }
        }
        if !notes.isEmpty { out += ", including friends " + notes.joined(separator: " or ") }
        return out
    }
}

/// A clause is a verb phrase ("have the tag …", after "who") or a
/// possessive one ("whose name is …").
enum ClauseKind { case who, whose }

struct Clause {
    var kind: ClauseKind
    var text: String
    /// Which friends without a value the clause takes in ("not linked to Shopify").
    var includes: String?
}
