/// The catalogue of lexical diagnostic messages (codes E0001–E0009), kept
/// in one place so wording stays consistent and reviewable.
enum LexicalMessage {
    // MARK: E0001, E0007 — characters

    /// How a message names a scalar: `` `@` ``, `` `é` (U+00E9) ``, or just
    /// `U+0000` for something invisible.
    static func characterName(_ scalar: Unicode.Scalar) -> String {
        let code = codePoint(scalar)
        if !isVisible(scalar) { return code }
        return scalar.isASCII ? "`\(Character(scalar))`" : "`\(Character(scalar))` (\(code))"
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .unassigned, .surrogate, .privateUse, .nonspacingMark, .enclosingMark:
            return false
        default:
            return scalar.value != 0xFFFD
        }
    }

    static func invalidCharacter(_ scalar: Unicode.Scalar, in word: String?) -> String {
        if scalar.value == 0xFFFD {
            return "invalid character U+FFFD (a replacement character: the input may not be valid UTF-8)"
        }
        var message = "invalid character \(characterName(scalar))"
        if let word, word.unicodeScalars.count > 1, word.unicodeScalars.allSatisfy(isVisible) {
            message += " in `\(abbreviated(word))`"
        }
        return message
    }

    static func invalidCharacterNotes(_ scalar: Unicode.Scalar, word: String) -> [String] {
        switch scalar {
        case "[", "]", "{", "}":
            return ["lists are written in parentheses: `in (\"a\", \"b\")`"]
        case "*", "%":
            return ["there are no wildcards; use `contains`, `starts with` or `ends with`"]
        case ";":
            return ["join conditions with `and` or `or`"]
        default:
            if !scalar.isASCII, scalar.value != 0xFFFD, isVisible(scalar) {
                let shown = word.isEmpty ? "…" : abbreviated(word)
                return ["names use ASCII letters, digits and `_`: write other names in backticks (`` `\(shown)` ``) "
                        + "and text in quotes (`\"\(shown)\"`)"]
            }
            return []
        }
    }

    static func invalidUTF8(_ byte: UInt8) -> String {
        "invalid UTF-8 byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    static func unicodeSpace(_ scalar: Unicode.Scalar) -> String {
        let name: String
        switch scalar.value {
        case 0xA0, 0x202F: name = "a no-break space"
        case 0x3000: name = "an ideographic space"
        case 0x200B: name = "a zero-width space"
        case 0xFEFF: name = "a zero-width no-break space"
        default: name = "a Unicode space"
        }
        return "invalid character \(codePoint(scalar)) (\(name))"
    }

    static func curlyQuote(_ scalar: Unicode.Scalar) -> String {
        "invalid character \(characterName(scalar)): strings use straight quotes"
    }

    static func unknownOperator(_ written: String) -> String { "unknown operator `\(written)`" }

    // MARK: E0002, E0003, E0008 — strings and names

    static let unterminatedString = "unterminated string"
    static func unterminatedStringNote(_ quote: String) -> String {
        "a string ends with the quote it starts with (`\(quote)`)"
    }
    static let backslashAtEndOfLine = "unknown escape: `\\` at the end of a line"

    static let unterminatedBacktick = "unterminated backtick name"
    static let unterminatedBacktickNote = "a name in backticks ends with a backtick (`` ` ``) on the same line"

    static func unknownEscape(_ escape: String) -> String { "unknown escape `\(escape)` in string" }
    static func unknownNameEscape(_ escape: String) -> String { "unknown escape `\(escape)` in backtick name" }
    static let stringEscapesNote = "the escapes are `\\\"` `\\'` `\\\\` `\\n` `\\t` and `\\u{…}`"
    static let nameEscapesNote = "in backticks the escapes are `` \\` `` and `\\\\`"
    static func malformedUnicodeEscape(_ escape: String) -> String { "malformed Unicode escape `\(escape)`" }
    static func invalidScalarEscape(_ escape: String) -> String {
        "`\(escape)` is not a Unicode scalar value"
    }
    static let unicodeEscapeNote = "write a Unicode escape as `\\u{` one to six hex digits `}`, e.g. `\\u{1F600}`"

    // MARK: E0004, E0009 — numbers

    static func integerOverflow(_ word: String) -> String {
        "`\(abbreviated(word))` does not fit in a 64-bit integer"
    }
    static func invalidNumber(_ word: String) -> String { "invalid number `\(abbreviated(word))`" }
    static func missingFraction(_ word: String) -> String {
        "invalid number `\(abbreviated(word))`: expected digits after the decimal point"
    }
    static func exponent(_ word: String) -> String {
        "invalid number `\(abbreviated(word))`: numbers are written without an exponent"
    }
    static func leadingDot(_ word: String) -> String {
        "invalid number `\(abbreviated(word))`: expected a digit before the decimal point"
    }

    // MARK: E0005 — dates and instants

    static func malformedDate(_ word: String) -> String {
        "invalid date `\(abbreviated(word))`: write a date as YYYY-MM-DD, e.g. `2026-06-01`"
    }
    static func invalidDate(_ word: String, _ problem: String) -> String {
        "invalid date `\(abbreviated(word))`: \(problem)"
    }
    static func malformedInstant(_ word: String) -> String {
        "invalid instant `\(abbreviated(word))`: write an instant as `2026-06-01T09:30:00Z` or `2026-06-01T09:30:00+09:00`"
    }
    static func invalidInstant(_ word: String, _ problem: String) -> String {
        "invalid instant `\(abbreviated(word))`: \(problem)"
    }
    static func instantWithoutZone(_ word: String) -> String {
        "invalid instant `\(abbreviated(word))`: an instant needs `Z` or a UTC offset such as `+09:00`"
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// What is wrong with a date, or nil when it exists.
    static func dateProblem(_ date: CalendarDate) -> String? {
        if date.year < 1 { return "year 0 does not exist" }
        guard date.month >= 1, date.month <= 12 else { return "there is no month \(date.month)" }
        let days = CalendarDate.daysInMonth(year: date.year, month: date.month)
        guard date.day >= 1, date.day <= days else {
            return "\(monthNames[date.month - 1]) \(date.year) has \(days) days"
        }
        return nil
    }

    static func timeProblem(hour: Int, minute: Int, second: Int) -> String? {
        if hour > 23 { return "there is no hour \(hour)" }
        if minute > 59 { return "there is no minute \(minute)" }
        if second > 59 { return "there is no second \(second)" }
        return nil
    }

    // MARK: E0006 — relative times

    static func unknownTimeUnit(_ word: String, unit: String) -> String {
        "invalid relative time `\(abbreviated(word))`: unknown unit `\(abbreviated(unit))`"
    }
    static func fractionalRelativeTime(_ word: String) -> String {
        "invalid relative time `\(abbreviated(word))`: the count must be a whole number"
    }

    /// The unit someone probably meant by a longer or foreign spelling.
    static func timeUnitMeant(by unit: String) -> TimeUnit? {
        switch unit {
        case "hour", "hours", "hr", "hrs": return .hour
        case "day", "days": return .day
        case "week", "weeks", "wk", "wks": return .week
        case "month", "months", "mon", "mos", "mth", "mths": return .month
        case "year", "years", "yr", "yrs": return .year
        default: return nil
        }
    }

    static func timeUnitNotes(_ unit: String) -> [String] {
        var notes = ["the units are `h` (hours), `d` (days), `w` (weeks), `mo` (months) and `y` (years)"]
        if unit == "m" || unit == "min" || unit == "mins" || unit == "s" {
            notes.append("`mo` is months; minutes and seconds are not supported")
        }
        return notes
    }

    /// A word cut to a readable length for a message, and at its first line
    /// break (a string may span lines; a message is one line).
    static func abbreviated(_ word: String, limit: Int = 40) -> String {
        var kept = String.UnicodeScalarView()
        var count = 0
        for scalar in word.unicodeScalars {
            if count == limit || scalar == "\n" || scalar == "\r" { return String(kept) + "…" }
            kept.append(scalar)
            count += 1
        }
        return word
    }
}
