import Foundation
import Segq
import Testing

/// `why` through the library: each group and condition for one friend,
/// the reason in words, saved segments explained beneath their condition,
/// and verdicts that agree with the count.
@Suite struct ExplanationTests {
    static func firstID(_ query: String, _ session: Session) throws -> String {
        var id: String?
        try QueryEvaluator(session: session)!.forEachFriendID(session.compile(query), limit: 1) { id = $0 }
        return try #require(id, "no friend matches \(query)")
    }

    static func explain(_ id: String, _ query: String, _ session: Session) throws -> Explanation {
        try QueryEvaluator(session: session)!.explanation(of: id, in: session.compile(query))
    }

    @Test func aFriendOutsideTheAudienceIsToldWhatFailsInEachGroup() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let id = try Self.firstID("shopify.purchases = 2 and not hubspot.linked", session)
        let e = try Self.explain(id, #"shopify.purchases >= 3 or hubspot.stage = "Customer""#, session)
        #expect(!e.matches)
        #expect(e.groups.map(\.holds) == [false, false])
        #expect(e.reason == #"not in: group 1 fails on `shopify.purchases >= 3` (has 2); "#
            + #"group 2 fails on `hubspot.stage = "Customer"` (not linked to HubSpot)"#)
        let text = ExplanationRendering.text(e)
        #expect(text.hasPrefix("friend \"\(id)\""))
        #expect(text.contains("no   shopify.purchases >= 3"))
    }

    @Test func aMemberIsToldWhichGroupHolds() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let id = try Self.firstID(#"tag = "VIP" and not shopify.linked"#, session)
        let e = try Self.explain(id, #"shopify.purchases >= 3 or tag = "VIP""#, session)
        #expect(e.matches)
        // Canonical order puts the tag group first.
        #expect(e.reason == "in: group 1 holds")
        let vip = try #require(e.groups.first?.conditions.first)
        #expect(vip.condition == #"tag = "VIP""#)
        #expect(vip.holds && vip.value.contains(#""VIP""#))
        #expect(e.groups.last?.conditions.first?.value == "not linked to Shopify")
        let json = ExplanationRendering.json(e).pretty()
        #expect(json.contains(#""matches": true"#))
        #expect(json.contains(#""reason": "in: group 1 holds""#))
    }

    @Test func savedSegmentsAreExplainedBeneathTheirCondition() throws {
        let store = try FacadeStore()
        let session = try store.session()
        try SegmentCatalog(session: session).save(name: "Buyers", query: "shopify.purchases >= 3")
        let fresh = try store.session()
        let id = try Self.firstID("shopify.purchases = 2", fresh)
        let e = try Self.explain(id, #"segment = "Buyers""#, fresh)
        #expect(!e.matches)
        let segment = try #require(e.groups.first?.conditions.first?.segments.first)
        #expect(segment.name == "Buyers" && segment.kind == "dynamic" && !segment.isMember)
        guard case .query(let inner) = segment.detail else { Issue.record("no explanation of the segment"); return }
        #expect(inner.reason == "not in: group 1 fails on `shopify.purchases >= 3` (has 2)")
        #expect(ExplanationRendering.text(e).contains("segment \"Buyers\" (dynamic): not a member"))
    }

    @Test func verdictsAgreeWithTheCount() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let evaluator = QueryEvaluator(session: session)!
        let queries = [#"tag = "VIP" and shopify.purchases >= 3 or hubspot.stage = "Customer""#,
                       #"not (added within 30d) and klaviyo.linked"#, #"tag != "VIP" or shopify.last_purchase is null"#]
        var ids: [String] = []
        try evaluator.forEachFriendID(session.compile("added is not null"), limit: 25) { ids.append($0) }
        for query in queries {
            let c = session.compile(query)
            var members = Set<String>()
            try evaluator.forEachFriendID(c) { members.insert($0) }
            for id in ids {
                let e = try evaluator.explanation(of: id, in: c)
                #expect(e.matches == members.contains(id), "\(id): \(query)")
                #expect(e.matches == e.groups.contains(where: \.holds), "\(id): \(query)")
            }
        }
    }

    @Test func anUnknownFriendIsAnError() throws {
        let store = try FacadeStore()
        let session = try store.session()
        #expect(throws: UnknownFriend.self) { try Self.explain("nobody", #"tag = "VIP""#, session) }
    }
}
