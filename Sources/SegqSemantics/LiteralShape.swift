import SegqSyntax

/// Recognises string contents that spell an unquoted literal of a type
/// (`"3"` for an int, `"2026-06-01"` for a time), so a type mismatch can
/// offer to drop the quotes. A pattern check on bytes, not a full lexer.
enum LiteralShape {
    static func spells(_ s: String, a type: ValueType) -> Bool {
        let b = Array(s.utf8)
        switch type {
        case .int: return isInteger(b[...])
        case .number, .untyped: return isNumber(b)
        case .bool: return ["true", "false"].contains(s.lowercased())
        case .time: return isDate(b) || isMonth(b) || isInstant(b) || isRelative(b) || isPeriod(s)
            || ["today", "yesterday", "now"].contains(s.lowercased())
        case .string, .stringSet: return false
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func digits(_ b: ArraySlice<UInt8>) -> Bool { !b.isEmpty && b.allSatisfy(isDigit) }

    private static func isInteger(_ b: ArraySlice<UInt8>) -> Bool {
        guard let first = b.first else { return false }
        return first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? digits(b.dropFirst()) : digits(b)
    }

    private static func isNumber(_ b: [UInt8]) -> Bool {
        guard let dot = b.firstIndex(of: UInt8(ascii: ".")) else { return isInteger(b[...]) }
        return isInteger(b[..<dot]) && digits(b[(dot + 1)...])
    }

    private static func number(_ b: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= b.count, digits(b[range]) else { return nil }
        return b[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `YYYY-MM-DD`, a valid calendar day.
    /// `YYYY-MM`, a month that exists.
    private static func isMonth(_ b: [UInt8]) -> Bool {
        guard b.count == 7, b[4] == UInt8(ascii: "-"), let y = number(b, 0..<4), let m = number(b, 5..<7) else { return false }
        return CalendarDate(year: y, month: m, day: 1).isValid
    }

    /// `this week`, `last month`, … (any case, one space).
    private static func isPeriod(_ s: String) -> Bool {
        let words = s.lowercased().split(separator: " ", omittingEmptySubsequences: false)
        return words.count == 2 && (words[0] == "this" || words[0] == "last")
            && PeriodUnit.allCases.contains { $0.rawValue == words[1] }
    }

    private static func isDate(_ b: [UInt8]) -> Bool {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = number(b, 0..<4), let m = number(b, 5..<7), let d = number(b, 8..<10) else { return false }
        return CalendarDate(year: y, month: m, day: d).isValid
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    private static func isInstant(_ b: [UInt8]) -> Bool {
        guard b.count >= 20, isDate(Array(b[0..<10])), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let h = number(b, 11..<13), b[13] == UInt8(ascii: ":"), let mi = number(b, 14..<16),
              b[16] == UInt8(ascii: ":"), let s = number(b, 17..<19), h < 24, mi < 60, s < 60 else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count == i + 6,
              number(b, (i + 1)..<(i + 3)) != nil, b[i + 3] == UInt8(ascii: ":"),
              number(b, (i + 4)..<(i + 6)) != nil else { return false }
        return true
    }

    /// `[+-]N(h|d|w|mo|y)`.
    private static func isRelative(_ b: [UInt8]) -> Bool {
        var body = b[...]
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { body = body.dropFirst() }
        let count = body.prefix(while: isDigit)
        guard !count.isEmpty else { return false }
        let unit = String(decoding: body.dropFirst(count.count), as: UTF8.self)
        return TimeUnit(rawValue: unit) != nil
    }
}
