/// Terminal column widths of text: East Asian wide and fullwidth characters
/// and emoji take two columns, combining marks none, everything else one.
/// Works per grapheme cluster, so truncation never splits a character.
public enum DisplayWidth {
    /// Columns `text` occupies on a terminal.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    /// Columns one character occupies (0, 1 or 2).
    public static func of(_ character: Character) -> Int {
        var sawVisible = false
        for scalar in character.unicodeScalars {
            if isWide(scalar) { return 2 }
            if !isZeroWidth(scalar) { sawVisible = true }
        }
        if character.unicodeScalars.count > 1 && character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2  // emoji presentation selector: shown as a wide emoji
        }
        return sawVisible ? 1 : 0
    }

    /// `text` cut to at most `width` columns; when cut, it ends in `…`.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var result = ""
        var used = 0
        let budget = width - 1  // room for the ellipsis
        for character in text {
            let next = of(character)
            if used + next > budget { break }
            result.append(character)
            used += next
        }
        return result + "…"
    }

    /// `text` followed by spaces up to `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (scalar.value >= 0x1160 && scalar.value <= 0x11FF)
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, plus emoji shown wide.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return scalar.properties.isEmojiPresentation
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initials
        0x231A...0x231B, 0x2329...0x232A,
        0x2E80...0x303E,   // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,   // CJK extension A
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo extended A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility forms
        0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
        0x16FE0...0x18AFF, 0x1B000...0x1B2FF,  // Tangut, Kana supplement
        0x1F300...0x1F64F, 0x1F900...0x1F9FF,  // pictographs, emoticons
        0x20000...0x3FFFD, // CJK extensions B and later
    ]
}
