import SegqStore
import SegqBasics
import SegqSemantics
import SegqSyntax

/// `contains` / `starts with` / `ends with` ignoring case (Grammar/README.md "Tests by type"):
/// both sides are compared as `CaseFolding.fold` of their text, and
/// "contains" means a run of Unicode scalars (equivalently, UTF-8 bytes).
/// ASCII candidates take a fast path with no allocation.
struct TextMatcher {
    let match: TextMatch
    /// The folded needle's UTF-8 bytes.
    let needle: [UInt8]
    let needleIsASCII: Bool

    init(_ match: TextMatch, _ needle: String) {
        self.match = match
        self.needle = Array(CaseFolding.fold(needle.nfcNormalized).utf8)
        self.needleIsASCII = self.needle.allSatisfy { $0 < 0x80 }
    }

    func matches(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { matches($0) }
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii {
            // The fold of ASCII text is its ASCII lower case: it can only hold an ASCII needle.
            guard needleIsASCII else { return false }
            return find(bytes, lowerASCII: true)
        }
        var folded = CaseFolding.fold(String(decoding: bytes, as: UTF8.self))
        return folded.withUTF8 { find($0, lowerASCII: false) }
    }

    @inline(__always)
    private func find(_ hay: UnsafeBufferPointer<UInt8>, lowerASCII: Bool) -> Bool {
        let n = needle.count, m = hay.count
        guard n <= m else { return false }
        @inline(__always) func at(_ i: Int) -> UInt8 {
            let b = hay[i]
            return lowerASCII && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        }
        @inline(__always) func matchesAt(_ start: Int) -> Bool {
            for j in 0 ..< n where at(start + j) != needle[j] { return false }
            return true
        }
        switch match {
        case .startsWith: return matchesAt(0)
        case .endsWith: return matchesAt(m - n)
        case .contains:
            if n == 0 { return true }
            for start in 0 ... (m - n) where matchesAt(start) { return true }
            return false
        }
    }
}
