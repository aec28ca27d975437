/// Splits chunked CSV bytes into records per RFC 4180: fields separated by
/// commas, records by LF or CRLF, fields in double quotes may hold commas,
/// line breaks and doubled quotes. Records are numbered by the physical
/// line they start on. A malformed record (a quote inside an unquoted
/// field, text after a closing quote, an unterminated quote) is still
/// delimited, and carries its first problem.
struct CSVRecordSplitter {
    /// One record: fields are slices of `bytes` given by `ends`.
    struct Record {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var line = 1
        var problem: String?

        var fieldCount: Int { ends.count }

        func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let start = i == 0 ? 0 : ends[i - 1]
            return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
        }

        func field(_ i: Int) -> String {
            withField(i) { String(decoding: $0, as: UTF8.self) }
        }

        /// True for a record that is one empty field (a blank line).
        var isBlank: Bool { ends.count == 1 && bytes.isEmpty && problem == nil }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    private var record = Record()
    private var physicalLine = 1
    private var column = 1
    private var pendingCR = false

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (Record) throws -> Void) rethrows {
        var i = 0
        let n = chunk.count
        if physicalLine == 1 && column == 1 && record.bytes.isEmpty && state == .fieldStart
            && n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
            i = 3   // UTF-8 byte order mark
        }
        while i < n {
            let b = chunk[i]
            i += 1
            if pendingCR {
                pendingCR = false
                if b != 0x0A { record.bytes.append(0x0D) }
            }
            switch state {
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted } else { record.bytes.append(b) }
                if b == 0x0A { physicalLine += 1; column = 0 }
            case .quoteInQuoted:
                switch b {
                case 0x22: record.bytes.append(0x22); state = .quoted
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: try endRecord(emit)
                case 0x0D: break   // CRLF after a closing quote
                default:
                    note("unexpected character after a closing quote at column \(column)")
                    record.bytes.append(b)
                    state = .unquoted
                }
            case .fieldStart, .unquoted:
                switch b {
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: try endRecord(emit)
                case 0x0D: pendingCR = true
                case 0x22 where state == .fieldStart: state = .quoted
                case 0x22:
                    note("quote inside an unquoted field at column \(column)")
                    record.bytes.append(b)
                default:
                    record.bytes.append(b)
                    state = .unquoted
                }
            }
            if b & 0xC0 != 0x80 { column += 1 }
        }
    }

    /// Emits the last record when the input does not end with a line break.
    mutating func finish(_ emit: (Record) throws -> Void) rethrows {
        if pendingCR { record.bytes.append(0x0D); pendingCR = false }
        if state == .quoted { note("unterminated quoted field") }
        if state == .fieldStart && record.ends.isEmpty && record.bytes.isEmpty && record.problem == nil { return }
        endField()
        try emit(record)
    }

    private mutating func note(_ problem: String) {
        if record.problem == nil { record.problem = problem }
    }

    private mutating func endField() {
        record.ends.append(record.bytes.count)
    }

    private mutating func endRecord(_ emit: (Record) throws -> Void) rethrows {
        endField()
        try emit(record)
        physicalLine += 1
        column = 0
        record.bytes.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        record.problem = nil
        record.line = physicalLine
        state = .fieldStart
    }
}
