import SegqBasics
import TestSupport

/// The differential test's generator is TestSupport's seeded SplitMix64.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    /// A random subset, in the pool's order.
    mutating func subset<T>(_ xs: [T], p: Double) -> [T] { xs.filter { _ in chance(p) } }
}
