import SegqSyntax
import SegqSemantics

/// The plain-language reading of a normal form for the approval step:
/// "Friends who have the tag "VIP" and whose number of Shopify purchases
/// is not at least 3, including friends not linked to Shopify."
///
/// Contracts:
/// - Faithful to the missing-value rules (Grammar/README.md): a group's
///   "including friends …" note is read off its `GroupReach`, decided from
///   all of the group's conditions together, so it names exactly the
///   friends without a value that the group can match — not linked to
///   Shopify, linked to Shopify but with no Shopify purchase, with no name —
///   and nothing when another condition of the group leaves them out
///   (`shopify.purchases >= 1 and shopify.tag != "wholesale"`). Friends a
///   clause already names ("have no Shopify purchase", "are not linked to
///   Klaviyo") are not repeated in the note.
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

    /// What each group admits of the friends without a value, in group order;
    /// the summary's notes are rendered from it.
    public static func reach(of normalForm: NormalForm) -> [GroupReach] {
        normalForm.groups.map(GroupReach.init)
    }

    /// One group: its clauses joined by "and", then the missing-value note.
    static func group(of group: Group, _ describer: ConditionDescriber) -> String {
        let reach = GroupReach(group)
        var out = ""
        var previous: ClauseKind?
        var said: Set<MissingKind> = []
        for condition in group.conditions {
            let clause = describer.clause(for: condition, in: reach)
            if previous != nil { out += " and " }
            if clause.kind == .who && (previous == nil || previous == .whose) { out += "who " }
            out += clause.text
            previous = clause.kind
            said.formUnion(clause.says)
        }
        let notes = MissingWords.notes(reach, order: group.conditions, leavingOut: said)
        if !notes.isEmpty { out += ", including friends " + notes.joined(separator: " or ") }
        return out
    }
}

/// A kind of friend without a value, as a clause or a note names it.
enum MissingKind: Hashable {
    case noName
    case unlinked(Integration)
    case linkedWithout(Datum)
    case noTagKey(String)
}

/// A clause is a verb phrase ("have the tag …", after "who") or a
/// possessive one ("whose name is …").
enum ClauseKind { case who, whose }

struct Clause {
    var kind: ClauseKind
    var text: String
    /// The friends without a value the clause itself names ("have no name").
    var says: Set<MissingKind> = []
}
