import Foundation
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
@testable import SegqPlanner

/// Text for a differential failure: the query in the language's syntax and
/// the store as JSON Lines (INTERFACES.md), so it can be replayed with
/// `segq eval`.
enum FailureReport {
    static let utc = AtomDescription(timeZone: TimeZone(secondsFromGMT: 0) ?? .current)

    static func query(_ form: NormalForm) -> String {
        if form.groups.isEmpty { return "<no groups: nobody>" }
        return form.groups.map { g in
            g.conditions.isEmpty ? "<everybody>" : "(" + g.conditions.map(condition).joined(separator: " and ") + ")"
        }.joined(separator: " or ")
    }

    static func condition(_ c: Condition) -> String {
        let field = c.field.path
        let n = c.negated
        switch c.test {
        case .equals(let v):
            if c.type == .bool && !n, case .bool(true) = v { return field }
            return "\(field) \(n ? "!=" : "=") \(value(v))"
        case .oneOf(let vs): return "\(field) \(n ? "not in" : "in") (\(vs.map(value).joined(separator: ", ")))"
        case .less(let v): return (n ? "not " : "") + "\(field) < \(value(v))"
        case .lessOrEqual(let v): return (n ? "not " : "") + "\(field) <= \(value(v))"
        case .greater(let v): return (n ? "not " : "") + "\(field) > \(value(v))"
        case .greaterOrEqual(let v): return (n ? "not " : "") + "\(field) >= \(value(v))"
        case .between(let a, let b): return "\(field) \(n ? "not between" : "between") \(value(a)) and \(value(b))"
        case .contains(let s): return "\(field) \(n ? "not contains" : "contains") \(utc.quoted(s))"
        case .startsWith(let s): return "\(field) \(n ? "not starts with" : "starts with") \(utc.quoted(s))"
        case .endsWith(let s): return "\(field) \(n ? "not ends with" : "ends with") \(utc.quoted(s))"
        case .isNull: return "\(field) is \(n ? "not " : "")null"
        case .isEmpty: return "\(field) is \(n ? "not " : "")empty"
        }
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .string(let s): return utc.quoted(s)
        case .int(let i): return String(i)
        case .number(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .time(let t):
            switch t {
            case .date(let d): return d.description
            case .instant(let i): return utc.instant(i.epochMilliseconds)
            case .relative(let r): return r.description
            case .today: return "today"
            case .yesterday: return "yesterday"
            case .now: return "now"
            }
        }
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
