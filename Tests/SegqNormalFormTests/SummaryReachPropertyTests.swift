import Foundation
import Testing
import SegqSyntax
import SegqSemantics
@testable import SegqNormalForm
import SegqStore
import TestSupport

/// The summary's claims about friends without a value, checked on
/// generated queries. For every group of the normal form and every
/// integration it tests, `GroupReach` says whether a friend not linked to
/// it, and a linked friend without each datum the group reads, can match;
/// the reference evaluator judges the group's conditions on the
/// integration for representatives of each kind:
/// - not linked: one friend decides it exactly (every value is missing);
/// - linked without a datum: every generated friend linked to it, with the
///   datum taken away. A match means the group admits them; a claim that it
///   does must be borne out by any such friend that meets the conditions the
///   datum does not decide.
/// The rendered text must name exactly the kinds the value admits.
private let pool = RandomFriends.make(count: 240, seed: 23)
private let evaluator = ReferenceEvaluator(context: RandomVocabulary.context)

private func without(_ datum: Datum, _ f: Friend) -> Friend {
    var f = f
    switch datum {
    case .id(.shopify): f.shopify?.id = nil
    case .id(.hubspot): f.hubspot?.id = nil
    case .id(.klaviyo): f.klaviyo?.id = nil
    case .shopifyLastPurchase: f.shopify?.lastPurchaseAt = nil
    case .shopifyCartTime: f.shopify?.abandonedCartAt = nil
    case .property(.hubspot, let p): f.hubspot?.properties[p] = nil
    case .property(_, let p): f.klaviyo?.properties[p] = nil
    }
    return f
}

private func isLinked(_ f: Friend, _ i: Integration) -> Bool {
    switch i {
    case .shopify: return f.shopify != nil
    case .hubspot: return f.hubspot != nil
    case .klaviyo: return f.klaviyo != nil
    }
}

/// Conditions whose value a linked friend without `datum` still holds.
private func undecided(by datum: Datum, _ c: Condition) -> Bool {
    !c.field.isLinkedFlag && Datum(c.field) != datum && !(c.field == .shopifyAbandonedCart && datum == .shopifyCartTime)
}

/// The failures of one group's claims, as text (empty when it holds).
private func failures(of group: Group) -> [String] {
    let reach = GroupReach(group)
    let text = Summary.text(of: NormalForm([group]))
    var out: [String] = []
    func holdAll(_ cs: [Condition], _ f: Friend) -> Bool { cs.allSatisfy { evaluator.holds($0, for: f) } }

    if let withoutName = reach.withoutName {
        let names = group.conditions.filter { $0.field == .name }
        if holdAll(names, Friend(id: "n", addedAt: 0)) != withoutName { out.append("no name: claimed \(withoutName)") }
        if withoutName != text.contains("no name") { out.append("text and no-name claim disagree") }
    }
    for r in reach.integrations {
        let own = group.conditions.filter { $0.field.integration == r.integration }
        let name = r.integration.displayName
        if holdAll(own, Friend(id: "u", addedAt: 0)) != r.unlinked { out.append("not linked to \(name): claimed \(r.unlinked)") }
        if r.unlinked != text.contains("not linked to " + name) { out.append("text and not-linked-to-\(name) claim disagree") }
        let data = Set(own.compactMap { Datum($0.field) })
        if Set(r.linkedWithout.map(\.datum)) != data { out.append("data of \(name) not all judged") }
        for d in r.linkedWithout {
            let representatives = pool.filter { isLinked($0, r.integration) }.map { without(d.datum, $0) }
            let matched = representatives.contains { holdAll(own, $0) }
            if matched && !d.admitted { out.append("linked without \(d.datum): a friend matches, claimed not") }
            let rest = own.filter { undecided(by: d.datum, $0) }
            if d.admitted && !matched && representatives.contains(where: { holdAll(rest, $0) }) {
                out.append("linked without \(d.datum): claimed, but no friend matches")
            }
            let named = ["no ", "no recorded "].contains { text.contains($0 + MissingWords.noun(d.datum)) }
                || own.contains { Datum($0.field) == d.datum && text.contains("have no " + FieldWords.noun($0.field)) }
            if d.admitted && !named { out.append("linked without \(d.datum): admitted, text does not say so") }
        }
    }
    if !reach.admitsMissing && text.contains(", including friends") { out.append("text claims missing friends") }
    return out
}

@Test func summaryClaimsAboutMissingFriendsHoldOnGeneratedQueries() {
    var checked = 0
    for seed in UInt64(0)..<400 {
        var generator = RandomQueries(seed: seed)
        let query = generator.query(depth: 3)
        guard let form = Normalizer().normalize(query).normalForm else { continue }
        for group in form.groups {
            let found = failures(of: group)
            checked += 1
            if !found.isEmpty {
                Issue.record("seed \(seed): \(QueryPrinter.text(of: NormalForm([group]))): \(found.joined(separator: "; "))")
                return
            }
        }
    }
    #expect(checked > 300)
}

@Test func summaryReachOfTheIssueExamples() throws {
    let checker = Checker(schema: RandomVocabulary.schema)
    func reach(_ text: String) throws -> [GroupReach] {
        let typed = try #require(checker.check(text).query)
        return Summary.reach(of: try #require(Normalizer().normalize(typed).normalForm))
    }
    let klaviyo = try reach(#"hubspot.stage = "Customer" and klaviyo.list != "VIP list" and klaviyo.linked"#)
    #expect(klaviyo.first?.integrations.map(\.unlinked) == [false, false])
    let lastPurchase = try #require(try reach("shopify.linked and shopify.last_purchase is null").first?.integrations.first)
    #expect(!lastPurchase.unlinked)
    #expect(lastPurchase.admitsLinked(without: .shopifyLastPurchase) == true)
    let purchases = try #require(try reach(#"shopify.purchases >= 1 and shopify.tag != "wholesale""#).first)
    #expect(!purchases.admitsMissing)
    let negated = try #require(try reach("not shopify.last_purchase >= -30d").first?.integrations.first)
    #expect(negated.unlinked && negated.admitsLinked(without: .shopifyLastPurchase) == true)
}
