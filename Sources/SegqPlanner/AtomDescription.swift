import SegqBasics
import Foundation
import SegqSyntax
import SegqSemantics
import SegqStore

/// Human-readable text for atoms in `explain`: the column's query path and
/// the predicate, with times as RFC 3339 instants in the evaluation's zone.
struct AtomDescription {
    let timeZone: TimeZone

    /// Value lists longer than this are cut short with a count of the rest.
    static let listLimit = 5

    func columnName(_ column: Column) -> String {
        field(of: column).path
    }

    func predicate(_ atom: Atom) -> String {
        let isTime = AtomDescription.isTime(atom.column)
        func value(_ s: Scalar) -> String { scalar(s, isTime: isTime) }
        switch atom.predicate {
        case .present:
            switch atom.column {
            case .shopifyLinked, .hubspotLinked, .klaviyoLinked: return "linked"
            default: return "present"
            }
        case .isEmpty: return "empty"
        case .equals(let s): return "= " + value(s)
        case .oneOf(let ss):
            var shown = ss.prefix(AtomDescription.listLimit).map(value)
            if ss.count > AtomDescription.listLimit {
                shown.append("… \(ss.count - AtomDescription.listLimit) more")
            }
            return "IN (" + shown.joined(separator: ", ") + ")"
        case .text(let match, let s): return match.rawValue + " " + QuotedText.query(s)
        case .range(let lower, let lowerInclusive, let upper, let upperInclusive):
            var parts: [String] = []
            if let lower { parts.append((lowerInclusive ? ">= " : "> ") + value(lower)) }
            if let upper { parts.append((upperInclusive ? "<= " : "< ") + value(upper)) }
            return parts.isEmpty ? "any" : parts.joined(separator: " AND ")
        }
    }

    func scalar(_ s: Scalar, isTime: Bool) -> String {
        switch s {
        case .string(let v): return QuotedText.query(v)
        case .int(let v): return isTime ? instant(v) : String(v)
        case .number(let v):
            if v.isFinite && v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
            return String(v)
        case .bool(let v): return v ? "true" : "false"
        }
    }

    /// `2026-06-01T00:00:00+09:00` (milliseconds shown only when not zero).
    func instant(_ ms: Int64) -> String {
        // Outside years 1...9999 (saturated bounds) print the raw value.
        guard ms > -62_135_596_800_000 + 86_400_000, ms < 253_402_300_799_000 - 86_400_000 else {
            return "@\(ms)ms"
        }
        let offsetSeconds = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))
        return InstantText.rfc3339(milliseconds: ms, offsetSeconds: offsetSeconds)
    }

    static func isTime(_ column: Column) -> Bool {
        switch column {
        case .added, .shopifyLastPurchase, .shopifyCartAbandonedAt: return true
        default: return false
        }
    }

    private func field(of column: Column) -> Field {
        switch column {
        case .id: return .id
        case .name: return .name
        case .added: return .added
        case .tag: return .tag
        case .shopifyLinked: return .shopifyLinked
        case .shopifyId: return .shopifyId
        case .shopifyTag: return .shopifyTag
        case .shopifyPurchases: return .shopifyPurchases
        case .shopifyLastPurchase: return .shopifyLastPurchase
        case .shopifyCartAbandonedAt: return .shopifyCartAbandonedAt
        case .hubspotLinked: return .hubspotLinked
        case .hubspotId: return .hubspotId
        case .hubspotList: return .hubspotSegment
        case .hubspotProperty(let p): return .hubspotProperty(p)
        case .klaviyoLinked: return .klaviyoLinked
        case .klaviyoId: return .klaviyoId
        case .klaviyoList: return .klaviyoList
        case .klaviyoProperty(let p): return .klaviyoProperty(p)
        }
    }
}
