import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
@testable import SegqPlanner

/// Text for a differential failure: the query in the language's syntax and
/// the store as JSON Lines (docs/data-formats.md), so it can be replayed with
/// `segq eval`.
enum FailureReport {
    static let utc = AtomDescription(timeZone: TimeZone(secondsFromGMT: 0) ?? .current)

    /// The query in canonical text (a valid query: `segq eval` replays it).
    static func query(_ form: NormalForm) -> String {
        QueryPrinter.text(of: form)
    }

    /// One friend as a JSON Lines record.
    static func json(_ f: Friend) -> String {
        func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
        func time(_ ms: Int64) -> JSONValue { .string(utc.instant(ms)) }
        func properties(_ p: [String: PropertyValue]) -> JSONValue {
            .object(p.keys.sorted().compactMap { key in
                switch p[key] {
                case .string(let s)?: return (key, .string(s))
                case .number(let d)?: return (key, .double(d))
                case .bool(let b)?: return (key, .bool(b))
                case nil: return nil
                }
            })
        }
        func crm(_ c: CRMData, listKey: String) -> JSONValue {
            var fields: [(String, JSONValue)] = []
            if let id = c.id { fields.append(("id", .string(id))) }
            fields.append((listKey, strings(c.lists)))
            fields.append(("properties", properties(c.properties)))
            return .object(fields)
        }
        var fields: [(String, JSONValue)] = [("id", .string(f.id))]
        if let name = f.name { fields.append(("name", .string(name))) }
        fields.append(("added_at", time(f.addedAt)))
        fields.append(("tags", strings(f.tags)))
        if let s = f.shopify {
            var sf: [(String, JSONValue)] = []
            if let id = s.id { sf.append(("id", .string(id))) }
            sf.append(("tags", strings(s.tags)))
            sf.append(("purchases", .int(s.purchases)))
            if let t = s.lastPurchaseAt { sf.append(("last_purchase_at", time(t))) }
            if let t = s.abandonedCartAt { sf.append(("abandoned_cart_at", time(t))) }
            fields.append(("shopify", .object(sf)))
        }
        if let h = f.hubspot { fields.append(("hubspot", crm(h, listKey: "segments"))) }
        if let k = f.klaviyo { fields.append(("klaviyo", crm(k, listKey: "lists"))) }
        return JSONValue.object(fields).serialized()
    }
}
