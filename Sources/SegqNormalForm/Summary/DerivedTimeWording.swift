import SegqSyntax
import SegqSemantics

/// With an evaluation context, a test on a derived count
/// (`shopify.days_since_last_purchase`, `shopify.hours_since_cart_abandoned`)
/// also reads as the range of the stored time it selects:
/// "(last Shopify purchase on or before 23 Oct 2026, UTC)"; a negated
/// test names the range it leaves out: "(excluding last Shopify purchases …)".
extension TimeWording {
    func derivedRange(_ field: Field, _ test: Test, negated: Bool) -> String? {
        guard let context, let intervals = TimeResolver(context).storedTimeIntervals(forDerived: field, test: test)
        else { return nil }
        let subject: String
        let byDay: Bool
        switch field {
        case .shopifyDaysSinceLastPurchase:
            subject = negated ? "excluding last Shopify purchases" : "last Shopify purchase"; byDay = true
        case .shopifyHoursSinceCartAbandoned:
            subject = negated ? "excluding carts abandoned" : "cart abandoned"; byDay = false
        default: return nil
        }
        let resolver = TimeResolver(context)
        let ranges = intervals.map { interval -> String in
            if byDay {
                let from = interval.lower.map { Self.dayText(resolver.dayIndex(ofInstant: $0)) }
                let to = interval.upper.map { Self.dayText(resolver.dayIndex(ofInstant: $0)) }
                switch (from, to) {
                case let (a?, b?): return a == b ? "on " + a : "between " + a + " and " + b
                case let (a?, nil): return "on or after " + a
                case let (nil, b?): return "on or before " + b
                case (nil, nil): return "at any time"
                }
            }
            // Hour ranges are (now − (hi+1)·h, now − lo·h]: the lower bound is exclusive.
            let from = interval.lower.map { localTime($0 &- 1) }, to = interval.upper.map(localTime)
            switch (from, to) {
            case let (a?, b?): return "after " + a + " and at or before " + b
            case let (a?, nil): return "after " + a
            case let (nil, b?): return "at or before " + b
            case (nil, nil): return "at any time"
            }
        }
        let zone = zoneName ?? ""
        if ranges.isEmpty { return negated ? nil : "(no \(subject) qualifies)" }
        return "(" + subject + " " + ranges.joined(separator: " or ") + ", " + zone + ")"
    }
}
