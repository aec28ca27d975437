/// Calendar dates and instants.
///
///     month   = digit4 "-" digit2
///     date    = digit4 "-" digit2 "-" digit2
///     instant = date ( "T" | "t" ) digit2 ":" digit2 ":" digit2 [ "." digit { digit } ]
///               ( "Z" | "z" | ( "+" | "-" ) digit2 ":" digit2 )
extension Lexer {
    mutating func lexDateOrInstant(start: Int, end: Int) {
        let span = Span(offset: start, length: end - start)
        let word = text(start, end)
        if end == start + 7, let year = number(at: start, digits: 4, end: end),
           let month = number(at: start + 5, digits: 2, end: end) {
            lexMonth(year: year, month: month, word: word, span: span)
            return
        }
        guard let year = number(at: start, digits: 4, end: end),
              start + 4 < end, bytes[start + 4] == ByteClass.minus,
              let month = number(at: start + 5, digits: 2, end: end),
              start + 7 < end, bytes[start + 7] == ByteClass.minus,
              let day = number(at: start + 8, digits: 2, end: end)
        else {
            invalidLiteral(.invalidDate, LexicalMessage.malformedDate(word), span: span)
            return
        }
        let date = CalendarDate(year: year, month: month, day: day)
        if let problem = LexicalMessage.dateProblem(date) {
            invalidLiteral(.invalidDate, LexicalMessage.invalidDate(word, problem), span: span)
            return
        }
        let timeStart = start + 10
        if timeStart == end {
            tokens.append(Token(.date(date), span))
            return
        }
        guard bytes[timeStart] | 0x20 == UInt8(ascii: "t") else {
            invalidLiteral(.invalidDate, LexicalMessage.malformedDate(word), span: span)
            return
        }
        lexTimeOfDay(date: date, start: start, timeStart: timeStart + 1, end: end)
    }

    /// `2026-11`: the calendar month, a period of whole days.
    private mutating func lexMonth(year: Int, month: Int, word: String, span: Span) {
        if let problem = LexicalMessage.dateProblem(CalendarDate(year: year, month: month, day: 1)) {
            invalidLiteral(.invalidDate, LexicalMessage.invalidDate(word, problem), span: span)
            return
        }
        tokens.append(Token(.period(.month(year: year, month: month)), span))
    }

    private mutating func lexTimeOfDay(date: CalendarDate, start: Int, timeStart: Int, end: Int) {
        let span = Span(offset: start, length: end - start)
        let word = text(start, end)
        guard let hour = number(at: timeStart, digits: 2, end: end),
              timeStart + 2 < end, bytes[timeStart + 2] == ByteClass.colon,
              let minute = number(at: timeStart + 3, digits: 2, end: end),
              timeStart + 5 < end, bytes[timeStart + 5] == ByteClass.colon,
              let second = number(at: timeStart + 6, digits: 2, end: end)
        else {
            invalidLiteral(.invalidDate, LexicalMessage.malformedInstant(word), span: span)
            return
        }
        var p = timeStart + 8
        var milliseconds = 0
        if p < end, bytes[p] == ByteClass.dot {
            p += 1
            let fractionStart = p
            while p < end, ByteClass.isDigit(bytes[p]) {
                if p - fractionStart < 3 { milliseconds = milliseconds * 10 + Int(bytes[p] &- 0x30) }
                p += 1
            }
            let kept = p - fractionStart
            if kept == 0 {
                invalidLiteral(.invalidDate, LexicalMessage.malformedInstant(word), span: span)
                return
            }
            var scaled = min(kept, 3)
            while scaled < 3 { milliseconds *= 10; scaled += 1 }
        }
        guard p < end else {
            invalidLiteral(.invalidDate, LexicalMessage.instantWithoutZone(word), span: span,
                           suggestion: Suggestion(message: "add `Z` for UTC", replacement: word + "Z"))
            return
        }
        var offsetSeconds = 0
        let zone = bytes[p]
        if zone | 0x20 == UInt8(ascii: "z"), p + 1 == end {
            offsetSeconds = 0
        } else if zone == ByteClass.plus || zone == ByteClass.minus,
                  let offsetHours = number(at: p + 1, digits: 2, end: end),
                  p + 3 < end, bytes[p + 3] == ByteClass.colon,
                  let offsetMinutes = number(at: p + 4, digits: 2, end: end), p + 6 == end {
            guard offsetHours <= 23, offsetMinutes <= 59 else {
                invalidLiteral(.invalidDate, LexicalMessage.invalidInstant(word, "the UTC offset is out of range"), span: span)
                return
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == ByteClass.minus ? -1 : 1)
        } else {
            invalidLiteral(.invalidDate, LexicalMessage.malformedInstant(word), span: span)
            return
        }
        if let problem = LexicalMessage.timeProblem(hour: hour, minute: minute, second: second) {
            invalidLiteral(.invalidDate, LexicalMessage.invalidInstant(word, problem), span: span)
            return
        }
        let secondsOfDay = hour * 3600 + minute * 60 + second
        let localSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondsOfDay)
        let epochMilliseconds = (localSeconds - Int64(offsetSeconds)) * 1000 + Int64(milliseconds)
        tokens.append(Token(.instant(InstantLiteral(epochMilliseconds: epochMilliseconds, offsetSeconds: offsetSeconds)), span))
    }

    /// The value of exactly `digits` decimal digits at `start`, all before `end`.
    private func number(at start: Int, digits: Int, end: Int) -> Int? {
        guard start >= 0, start + digits <= end else { return nil }
        var value = 0
        for k in start..<(start + digits) {
            guard ByteClass.isDigit(bytes[k]) else { return nil }
            value = value * 10 + Int(bytes[k] &- 0x30)
        }
        return value
    }
}
