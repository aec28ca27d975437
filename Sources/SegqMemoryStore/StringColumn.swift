import SegqStore
import SegqBasics
import SegqSyntax
import SegqSemantics

/// A dictionary-encoded string column: one code per present row (in row
/// order, `DictionaryCodes`), the distinct strings in a `StringDictionary`, rows per code
/// counted. Low-cardinality columns (at least 16 rows per distinct value
/// on average) also get a `PostingIndex`; others are answered by scanning
/// the codes, which are contiguous `Int32`s.
struct StringColumn: Sendable {
    let presence: Presence
    let codes: DictionaryCodes
    let dictionary: StringDictionary
    let counts: [Int32]
    let postings: PostingIndex?
    /// Folded dictionary values, kept for indexed (low-cardinality) columns.
    let folded: [String]?

    var rowCount: Int { presence.rowCount }
    var isLowCardinality: Bool { postings != nil }

    func value(at row: Int) -> String? {
        guard presence.contains(row) else { return nil }
        return dictionary.string(codes[presence.rank(row)])
    }

    /// Rows equal to `s` (already NFC).
    func equal(_ s: String) -> Bitmap {
        guard let code = dictionary.code(of: s) else { return Bitmap(count: rowCount) }
        return rows(code)
    }

    func rows(_ code: Int32) -> Bitmap {
        if let postings { return postings.bitmap(code) }
        var mask = Bitmap(count: Int(dictionary.count))
        mask.insert(Int(code))
        return scan(codeMask: mask)
    }

    func oneOf(_ strings: [String]) -> Bitmap {
        let found = strings.compactMap { dictionary.code(of: $0) }
        if let postings { return postings.union(found) }
        return scan(codeMask: Bitmap(count: dictionary.count, rows: found.map(Int.init)))
    }

    /// Codes whose value matches the text test.
    func matchingCodes(_ matcher: TextMatcher) -> [Int32] {
        var out: [Int32] = []
        if let folded {
            let needle = String(decoding: matcher.needle, as: UTF8.self)
            for (c, f) in folded.enumerated() where TextMatcher.plainMatch(matcher.match, f, needle) {
                out.append(Int32(c))
            }
        } else {
            for c in 0 ..< dictionary.count where dictionary.withBytes(Int32(c), { matcher.matches($0) }) {
                out.append(Int32(c))
            }
        }
        return out
    }

    func text(_ matcher: TextMatcher) -> Bitmap {
        rows(codes: matchingCodes(matcher))
    }

    /// Rows holding any of `codes`.
    func rows(codes: [Int32]) -> Bitmap {
        if codes.isEmpty { return Bitmap(count: rowCount) }
        if let postings { return postings.union(codes) }
        return scan(codeMask: Bitmap(count: dictionary.count, rows: codes.map(Int.init)))
    }

    /// Number of rows holding any of `codes` (exact, from the counts).
    func count(codes: [Int32]) -> Int {
        codes.reduce(0) { $0 + Int(counts[Int($1)]) }
    }

    /// Codes whose UTF-8 bytes satisfy `predicate` (one test per distinct value).
    func codes(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Int32] {
        var out: [Int32] = []
        for c in 0 ..< dictionary.count where dictionary.withBytes(Int32(c), predicate) { out.append(Int32(c)) }
        return out
    }

    /// Rows whose code is in `codeMask`.
    func scan(codeMask: Bitmap) -> Bitmap {
        var out = Bitmap(count: rowCount)
        if codeMask.isEmpty { return out }
        var words = out.words
        let maskWords = codeMask.words
        let cs = codes
        maskWords.withUnsafeBufferPointer { m in
            words.withUnsafeMutableBufferPointer { w in
                presence.forEachPresent { row, rank in
                    let c = Int(cs[rank])
                    if m[c >> 6] & (1 << UInt64(c & 63)) != 0 { w[row >> 6] |= 1 << UInt64(row & 63) }
                }
            }
        }
        out = Bitmap(words: words, count: rowCount)
        return out
    }

    func count(of s: String) -> Int {
        guard let code = dictionary.code(of: s) else { return 0 }
        return Int(counts[Int(code)])
    }

    var memoryFootprint: Int {
        presence.memoryFootprint + codes.memoryFootprint + dictionary.memoryFootprint + counts.capacity * 4
            + (postings?.memoryFootprint ?? 0)
    }
}

/// Collects a `StringColumn` row by row (rows in increasing order).
struct StringColumnBuilder {
    private var presence = BitmapBuilder()
    private var codes: [Int32] = []
    private(set) var dictionary = StringDictionary()
    private var counts: [Int32] = []

    /// Makes room for `n` values on rows below `rows`.
    mutating func reserveCapacity(_ n: Int, rows: Int) {
        presence.reserveCapacity(rows: rows)
        codes.reserveCapacity(n)
    }

    mutating func append(_ s: String, row: Int) {
        var s = s
        let code = s.withUTF8 { self.code(of: $0) }
        append(code: code, row: row)
    }

    /// The code of these (NFC) bytes, added to the dictionary when new.
    mutating func code(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (code, inserted) = dictionary.intern(bytes)
        if inserted { counts.append(0) }
        return code
    }

    /// Appends a value by its code (from `code(of:)`).
    mutating func append(code: Int32, row: Int) {
        counts[Int(code)] += 1
        codes.append(code)
        presence.insert(row)
    }

    /// `indexed`: nil decides by cardinality; true/false forces the posting index.
    func build(rowCount: Int, indexed: Bool? = nil) -> StringColumn {
        let presence = Presence(presence.build(count: rowCount))
        var dictionary = self.dictionary
        dictionary.shrink()
        let lowCard = indexed ?? (dictionary.count * 16 <= presence.count)
        var postings: PostingIndex?
        var folded: [String]?
        if lowCard {
            let codes = self.codes
            postings = PostingIndex(rowCount: rowCount, counts: counts) { emit in
                presence.forEachPresent { row, rank in emit(row, codes[rank]) }
            }
            folded = dictionary.strings.map { CaseFolding.fold($0) }
        }
        return StringColumn(presence: presence, codes: DictionaryCodes(codes, distinct: dictionary.count), dictionary: dictionary,
                            counts: counts, postings: postings, folded: folded)
    }
}

extension TextMatcher {
    /// The test on text that is already folded.
    static func plainMatch(_ match: TextMatch, _ folded: String, _ needle: String) -> Bool {
        let h = Array(folded.utf8)[...], n = Array(needle.utf8)[...]
        switch match {
        case .startsWith: return h.starts(with: n)
        case .endsWith: return h.reversed().starts(with: n.reversed())
        case .contains:
            if n.isEmpty { return true }
            guard n.count <= h.count else { return false }
            for i in 0 ... (h.count - n.count) where h[(h.startIndex + i)...].starts(with: n) { return true }
            return false
        }
    }
}
