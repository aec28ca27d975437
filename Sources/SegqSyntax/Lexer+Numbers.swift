/// Numeric words: integers, decimals, dates, instants and relative times.
///
/// The lexer first takes the whole word (an optional sign, a digit, then
/// letters, digits and `_ . : + -`) and only then decides what it is, so a
/// malformed literal (`2026-6-1`, `1.5d`, `3x`) is one token with one
/// diagnostic naming all of it, rather than a cascade of fragments.
extension Lexer {
    mutating func lexNumericWord() {
        let start = position
        let count = bytes.count
        var p = start + 1
        while p < count, ByteClass.isNumericContinue(bytes[p]) { p += 1 }
        if p < count, gluesToWord(at: p) {
            lexInvalidWord(from: start)
            return
        }
        position = p
        classifyNumericWord(start: start, end: p)
    }

    /// `.5`: reported with `0.5` as the fix.
    mutating func lexLeadingDotNumber() {
        let start = position
        let count = bytes.count
        var p = start + 1
        while p < count, ByteClass.isNumericContinue(bytes[p]) { p += 1 }
        position = p
        let word = text(start, p)
        emit(.invalid, from: start)
        report(.invalidNumber, LexicalMessage.leadingDot(word), at: Span(offset: start, length: p - start),
               suggestion: Suggestion(message: "write a digit before the point", replacement: "0" + word))
    }

    private mutating func classifyNumericWord(start: Int, end: Int) {
        var i = start
        var negative = false
        var signed = false
        if bytes[i] == ByteClass.plus || bytes[i] == ByteClass.minus {
            negative = bytes[i] == ByteClass.minus
            signed = true
            i += 1
        }
        let digitsStart = i
        while i < end, ByteClass.isDigit(bytes[i]) { i += 1 }
        let digitsEnd = i
        let span = Span(offset: start, length: end - start)

        if i == end {
            lexInteger(digitsStart: digitsStart, digitsEnd: digitsEnd, negative: negative, span: span)
        } else if bytes[i] == ByteClass.minus, !signed, digitsEnd - digitsStart == 4 {
            lexDateOrInstant(start: start, end: end)
        } else if bytes[i] == ByteClass.dot {
            lexDecimal(start: start, pointAt: i, end: end)
        } else if isExponent(at: i, end: end) {
            exponentNumber(start: start, end: end)
        } else if ByteClass.isLetter(bytes[i]) {
            lexRelativeTime(digitsStart: digitsStart, digitsEnd: digitsEnd, negative: negative, signed: signed,
                            unitStart: i, span: span)
        } else {
            invalidLiteral(.invalidNumber, LexicalMessage.invalidNumber(text(start, end)), span: span)
        }
    }

    /// integer = [ "-" | "+" ] digit { digit } ; 64-bit.
    private mutating func lexInteger(digitsStart: Int, digitsEnd: Int, negative: Bool, span: Span) {
        guard let value = Lexer.integerValue(bytes, digitsStart, digitsEnd, negative: negative) else {
            invalidLiteral(.integerOverflow, LexicalMessage.integerOverflow(text(span.offset, span.end)), span: span)
            return
        }
        tokens.append(Token(.integer(value), span))
    }

    /// The signed value of a digit run, or nil when it does not fit in `Int64`.
    static func integerValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, negative: Bool) -> Int64? {
        var magnitude: UInt64 = 0
        for k in start..<end {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[k] &- 0x30))
            if o1 || o2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// decimal = [ "-" | "+" ] digit { digit } "." digit { digit }
    private mutating func lexDecimal(start: Int, pointAt: Int, end: Int) {
        let span = Span(offset: start, length: end - start)
        var i = pointAt + 1
        let fractionStart = i
        while i < end, ByteClass.isDigit(bytes[i]) { i += 1 }
        let word = text(start, end)
        if i == end, i > fractionStart, let value = Double(word) {
            tokens.append(Token(.number(value), span))
        } else if i > fractionStart, isExponent(at: i, end: end) {
            exponentNumber(start: start, end: end)
        } else if i > fractionStart, ByteClass.isLetter(bytes[i]) {
            invalidLiteral(.invalidRelativeTime, LexicalMessage.fractionalRelativeTime(word), span: span)
        } else if i == fractionStart {
            invalidLiteral(.invalidNumber, LexicalMessage.missingFraction(word), span: span)
        } else {
            invalidLiteral(.invalidNumber, LexicalMessage.invalidNumber(word), span: span)
        }
    }

    /// relative = [ "-" | "+" ] digit { digit } unit ; unit = "h" | "d" | "w" | "mo" | "y" (any case).
    private mutating func lexRelativeTime(digitsStart: Int, digitsEnd: Int, negative: Bool, signed: Bool,
                                          unitStart: Int, span: Span) {
        let word = text(span.offset, span.end)
        var unitEnd = unitStart
        while unitEnd < span.end, ByteClass.isLetter(bytes[unitEnd]) { unitEnd += 1 }
        let unitText = text(unitStart, unitEnd).lowercased()
        guard unitEnd == span.end, let unit = TimeUnit(rawValue: unitText) else {
            let sign = signed ? (negative ? "-" : "+") : ""
            let count = text(digitsStart, digitsEnd)
            var suggestion: Suggestion?
            if unitEnd == span.end, let meant = LexicalMessage.timeUnitMeant(by: unitText) {
                let fixed = sign + count + meant.rawValue
                suggestion = Suggestion(message: "did you mean `\(fixed)`?", replacement: fixed)
            }
            invalidLiteral(.invalidRelativeTime, LexicalMessage.unknownTimeUnit(word, unit: text(unitStart, span.end)),
                           span: span, suggestion: suggestion, notes: LexicalMessage.timeUnitNotes(unitText))
            return
        }
        guard let value = Lexer.integerValue(bytes, digitsStart, digitsEnd, negative: negative),
              let count = Int(exactly: value) else {
            invalidLiteral(.integerOverflow, LexicalMessage.integerOverflow(word), span: span)
            return
        }
        tokens.append(Token(.relative(RelativeTime(count: count, unit: unit, explicitSign: signed)), span))
    }

    /// True when `i..<end` is an exponent: `e` or `E`, an optional sign, digits.
    private func isExponent(at i: Int, end: Int) -> Bool {
        guard i < end, bytes[i] | 0x20 == UInt8(ascii: "e") else { return false }
        var k = i + 1
        if k < end, bytes[k] == ByteClass.plus || bytes[k] == ByteClass.minus { k += 1 }
        guard k < end else { return false }
        while k < end, ByteClass.isDigit(bytes[k]) { k += 1 }
        return k == end && ByteClass.isDigit(bytes[end - 1])
    }

    /// `1e5`, `2.5E-3`: exponents are not part of the language (E0009); the
    /// fix is the same number written out, when that is short enough to read.
    private mutating func exponentNumber(start: Int, end: Int) {
        let word = text(start, end)
        var suggestion: Suggestion?
        if let value = Double(word), value.isFinite {
            let spelled = value == value.rounded() && abs(value) < 1e18 ? String(Int64(value)) : LiteralSpelling.number(value)
            if spelled.utf8.count <= 24 {
                suggestion = Suggestion(message: "write `\(spelled)`", replacement: spelled)
            }
        }
        invalidLiteral(.invalidNumber, LexicalMessage.exponent(word), span: Span(offset: start, length: end - start),
                       suggestion: suggestion)
    }

    /// Records an `.invalid` token for a malformed literal and its diagnostic.
    mutating func invalidLiteral(_ code: DiagnosticCode, _ message: String, span: Span,
                                 suggestion: Suggestion? = nil, notes: [String] = []) {
        tokens.append(Token(.invalid, span))
        report(code, message, at: span, suggestion: suggestion, notes: notes)
    }
}
