import Foundation
import Testing
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import TestSupport

@Test func zzTiming() {
    let checker = Checker(schema: RandomVocabulary.schema)
    for text in ["tag = \"VIP\" and shopify.purchases >= 3 or hubspot.stage = \"Customer\"",
                 "not (shopify.purchases >= 3 and tag in (\"a\", \"b\")) and added within 30d and name contains \"ai\"",
                 "(tag = \"a\" or tag = \"b\") and (shopify.purchases > 2 or klaviyo.city = \"Osaka\") and not hubspot.vip"] {
        let q = checker.check(text).query!
        let n = Normalizer()
        let start = Date()
        for _ in 0..<20000 { _ = n.normalize(q) }
        let normUs = Date().timeIntervalSince(start) / 2000 * 1e6
        let s2 = Date()
        for _ in 0..<2000 { _ = checker.check(text) }
        let checkUs = Date().timeIntervalSince(s2) / 2000 * 1e6
        print("TIMING normalize \(Int(normUs)) µs, check \(Int(checkUs)) µs: \(text)")
    }
}
