import SegqStore
import SegqBasics
import SegqSemantics

/// A set-of-strings column (tags, Shopify tags, HubSpot and Klaviyo lists),
/// stored CSR-style: for the k-th present row, its element codes are
/// `codes[offsets[k] ..< offsets[k + 1]]`, in import order. Every distinct
/// element has a posting (bitmap index), so `has v`, `has any of`, and the
/// text tests are unions of postings.
struct SetColumn: Sendable {
    let presence: Presence
    let offsets: [Int32]
    let codes: DictionaryCodes
    let dictionary: StringDictionary
    /// Rows holding each code.
    let counts: [Int32]
    let postings: PostingIndex
    let folded: [String]
    /// Present rows with at least one element.
    let nonEmpty: Bitmap

    var rowCount: Int { presence.rowCount }

    /// The elements of `row`, or nil when the set is missing.
    func elements(at row: Int) -> [String]? {
        guard presence.contains(row) else { return nil }
        let k = presence.rank(row)
        return (Int(offsets[k]) ..< Int(offsets[k + 1])).map { dictionary.string(codes[$0]) }
    }

    func containing(_ s: String) -> Bitmap {
        guard let code = dictionary.code(of: s) else { return Bitmap(count: rowCount) }
        return postings.bitmap(code)
    }

    func matchingCodes(_ matcher: TextMatcher) -> [Int32] {
        let needle = String(decoding: matcher.needle, as: UTF8.self)
        var out: [Int32] = []
        for (c, f) in folded.enumerated() where TextMatcher.plainMatch(matcher.match, f, needle) {
            out.append(Int32(c))
        }
        return out
    }

    func text(_ matcher: TextMatcher) -> Bitmap {
        postings.union(matchingCodes(matcher))
    }

    /// Codes whose UTF-8 bytes satisfy `predicate` (one test per distinct element).
    func codes(where predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Int32] {
        var out: [Int32] = []
        for c in 0 ..< dictionary.count where dictionary.withBytes(Int32(c), predicate) { out.append(Int32(c)) }
        return out
    }

    /// Present and without elements.
    var emptySets: Bitmap { presence.bitmap.subtracting(nonEmpty) }

    func count(of s: String) -> Int {
        guard let code = dictionary.code(of: s) else { return 0 }
        return Int(counts[Int(code)])
    }

    var memoryFootprint: Int {
        presence.memoryFootprint + offsets.capacity * 4 + codes.memoryFootprint + dictionary.memoryFootprint
            + counts.capacity * 4 + postings.memoryFootprint + nonEmpty.words.capacity * 8
    }
}

/// Collects a `SetColumn` row by row (rows in increasing order).
struct SetColumnBuilder {
    private var presence = BitmapBuilder()
    private var offsets: [Int32] = [0]
    private var codes: [Int32] = []
    private var dictionary = StringDictionary()
    private var counts: [Int32] = []
    private var nonEmpty = BitmapBuilder()

    /// Makes room for `n` sets of `elements` elements in all, on rows below `rows`.
    mutating func reserveCapacity(_ n: Int, elements: Int, rows: Int) {
        presence.reserveCapacity(rows: rows)
        nonEmpty.reserveCapacity(rows: rows)
        offsets.reserveCapacity(n + 1)
        codes.reserveCapacity(elements)
    }

    /// Adds the set of `row`; repeated elements are kept once.
    mutating func append(_ elements: [String], row: Int) {
        presence.insert(row)
        let start = codes.count
        for e in elements {
            let (code, inserted) = dictionary.intern(e)
            if inserted { counts.append(0) }
            if !inserted && codes[start...].contains(code) { continue }
            counts[Int(code)] += 1
            codes.append(code)
        }
        if codes.count > start { nonEmpty.insert(row) }
        offsets.append(Int32(codes.count))
    }

    /// The code of this (NFC) element, added to the dictionary when new.
    mutating func code(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (code, inserted) = dictionary.intern(bytes)
        if inserted { counts.append(0) }
        return code
    }

    /// Adds the set of `row` by element codes (from `code(of:)`), all different.
    mutating func append(distinctCodes elements: [Int32], row: Int) {
        presence.insert(row)
        for c in elements {
            counts[Int(c)] += 1
            codes.append(c)
        }
        if !elements.isEmpty { nonEmpty.insert(row) }
        offsets.append(Int32(codes.count))
    }

    func build(rowCount: Int) -> SetColumn {
        let presence = Presence(presence.build(count: rowCount))
        var dictionary = self.dictionary
        dictionary.shrink()
        let offsets = self.offsets, codes = self.codes
        let postings = PostingIndex(rowCount: rowCount, counts: counts) { emit in
            presence.forEachPresent { row, rank in
                for i in Int(offsets[rank]) ..< Int(offsets[rank + 1]) { emit(row, codes[i]) }
            }
        }
        return SetColumn(presence: presence, offsets: offsets.compacted(),
                         codes: DictionaryCodes(codes, distinct: dictionary.count), dictionary: dictionary,
                         counts: counts, postings: postings, folded: dictionary.strings.map { CaseFolding.fold($0) },
                         nonEmpty: nonEmpty.build(count: rowCount))
    }
}
