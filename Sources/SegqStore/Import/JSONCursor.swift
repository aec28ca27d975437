/// Why one record was rejected; `column` (1-based, in Unicode scalars) is
/// set for syntax errors.
struct RecordError: Error {
    var message: String
}

/// The kind of the JSON value at the cursor, named in type errors.
enum JSONKind: String {
    case string, number, object, array, boolean, null

    var article: String {
        switch self {
        case .object, .array: return "an \(rawValue)"
        case .null: return "null"
        default: return "a \(rawValue)"
        }
    }
}

/// A JSON number as written: integral without fraction or exponent, or not.
enum JSONNumber {
    case int(Int64)
    case double(Double)

    var doubleValue: Double {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }
}

/// A cursor over the UTF-8 bytes of one JSON text (one JSONL line), with
/// the primitives the record parser needs. Syntax errors carry the column.
struct JSONCursor {
    let p: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Reused for strings with escapes.
    var scratch: [UInt8] = []
    /// Reused for the NFC form of strings that NFC changes.
    var normalized: [UInt8] = []

    init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    var atEnd: Bool { pos >= p.count }

    @inline(__always) mutating func skipWhitespace() {
        while pos < p.count {
            let b = p[pos]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { pos += 1 } else { return }
        }
    }

    @inline(__always) func peek() -> UInt8? { pos < p.count ? p[pos] : nil }

    /// Column (1-based, Unicode scalars) of a byte offset.
    func column(of offset: Int) -> Int {
        var col = 1
        var i = 0
        let end = min(offset, p.count)
        while i < end {
            if p[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return col
    }

    func syntaxError(_ what: String, at offset: Int? = nil) -> RecordError {
        RecordError(message: "invalid JSON at column \(column(of: offset ?? pos)): \(what)")
    }

    func describeHere() -> String {
        guard let b = peek() else { return "end of line" }
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    /// Consumes `b` after optional whitespace.
    @inline(__always)
    mutating func expect(_ b: UInt8, _ description: StaticString) throws {
        skipWhitespace()
        guard peek() == b else { throw expected(description) }
        pos += 1
    }

    @inline(never)
    private func expected(_ description: StaticString) -> RecordError {
        syntaxError("expected \(description), found \(describeHere())")
    }

    /// The kind of the next value (after whitespace), or a syntax error.
    @inline(__always)
    mutating func kind() throws -> JSONKind {
        skipWhitespace()
        switch peek() ?? 0 {
        case 0x22: return .string
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x74, 0x66: return .boolean
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: throw expected("a value")
        }
    }

    /// Consumes `null`, `true` or `false`.
    mutating func literal() throws -> Bool? {
        skipWhitespace()
        func word(_ w: StaticString, _ value: Bool?) throws -> Bool? {
            let n = w.utf8CodeUnitCount
            guard pos + n <= p.count else { throw syntaxError("invalid literal") }
            let s = w.utf8Start
            for i in 0..<n where p[pos + i] != s[i] { throw syntaxError("invalid literal") }
            pos += n
            return value
        }
        switch peek() {
        case 0x6E: return try word("null", nil)
        case 0x74: return try word("true", true)
        case 0x66: return try word("false", false)
        default: throw syntaxError("expected a literal, found \(describeHere())")
        }
    }

    /// Parses a string at the cursor and hands its unescaped UTF-8 bytes,
    /// in NFC, to `body` (valid until the next call). Rejects control
    /// characters, invalid escapes and invalid UTF-8.
    mutating func withString<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        skipWhitespace()
        guard peek() == 0x22 else { throw syntaxError("expected a string, found \(describeHere())") }
        pos += 1
        let start = pos
        var ascii = true
        // Eight bytes at a time up to the first quote, backslash or control
        // byte; the loop below then settles that byte.
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            while pos + 8 <= p.count {
                let w = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                let quote = w ^ (0x22 &* ones), backslash = w ^ (0x5C &* ones)
                // A byte's top bit is set in the lowest byte that is zero (or below 0x20).
                let stops = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- 0x20 &* ones) & ~w) & high
                let before = stops == 0 ? UInt64.max : (stops & (0 &- stops)) &- 1
                if w & high & before != 0 { ascii = false }
                if stops != 0 {
                    pos += stops.trailingZeroBitCount >> 3
                    break
                }
                pos += 8
            }
        }
        while pos < p.count {
            let b = p[pos]
            if b == 0x22 {
                let bytes = UnsafeBufferPointer(rebasing: p[start..<pos])
                pos += 1
                if ascii { return try body(bytes) }
                return try withNFC(bytes, startOffset: start, body)
            }
            if b == 0x5C { break }
            if b < 0x20 { throw syntaxError("control character in string") }
            if b >= 0x80 { ascii = false }
            pos += 1
        }
        guard pos < p.count else { throw syntaxError("unterminated string", at: start - 1) }
        // Slow path: escapes present.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<pos]))
        while pos < p.count {
            let b = p[pos]
            if b == 0x22 {
                pos += 1
                let s = scratch
                return try s.withUnsafeBufferPointer { try withNFC($0, startOffset: start, body) }
            }
            if b < 0x20 { throw syntaxError("control character in string") }
            if b != 0x5C { scratch.append(b); pos += 1; continue }
            pos += 1
            guard pos < p.count else { break }
            let e = p[pos]
            pos += 1
            switch e {
            case 0x22: scratch.append(0x22)
            case 0x5C: scratch.append(0x5C)
            case 0x2F: scratch.append(0x2F)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                var v = try hex4()
                if v >= 0xD800 && v < 0xDC00 {
                    guard pos + 1 < p.count, p[pos] == 0x5C, p[pos + 1] == 0x75 else {
                        throw syntaxError("unpaired surrogate in \\u escape", at: pos - 6)
                    }
                    pos += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else {
                        throw syntaxError("unpaired surrogate in \\u escape", at: pos - 6)
                    }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if v >= 0xDC00 && v < 0xE000 {
                    throw syntaxError("unpaired surrogate in \\u escape", at: pos - 6)
                }
                guard let scalar = Unicode.Scalar(v) else { throw syntaxError("invalid \\u escape", at: pos - 6) }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
            default:
                throw syntaxError("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: pos - 2)
            }
        }
        throw syntaxError("unterminated string", at: start - 1)
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= p.count else { throw syntaxError("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[pos]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw syntaxError("invalid \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// Hands `bytes` to `body` in NFC after checking that they are UTF-8,
    /// in one pass over them; only a string NFC may change is copied.
    private mutating func withNFC<R>(_ bytes: UnsafeBufferPointer<UInt8>, startOffset: Int,
                                     _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        switch UnicodeNormalization.scan(bytes) {
        case .invalid: throw syntaxError("invalid UTF-8 in string", at: startOffset)
        case .nfc: return try body(bytes)
        case .mayChange:
            var s = UnicodeNormalization.nfcString(bytes)
            normalized.removeAll(keepingCapacity: true)
            s.withUTF8 { normalized.append(contentsOf: $0) }
            let n = normalized
            return try n.withUnsafeBufferPointer { try body($0) }
        }
    }

    /// A string value in NFC.
    mutating func string() throws -> String {
        try withString { String(decoding: $0, as: UTF8.self) }
    }

    /// Parses a number per the JSON grammar.
    mutating func number() throws -> JSONNumber {
        skipWhitespace()
        let start = pos
        var negative = false
        if peek() == 0x2D { negative = true; pos += 1 }
        guard let first = peek(), first >= 0x30 && first <= 0x39 else {
            throw syntaxError("invalid number", at: start)
        }
        var value: Int64 = 0
        var overflow = false
        if first == 0x30 {
            pos += 1
        } else {
            while let b = peek(), b >= 0x30 && b <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.subtractingReportingOverflow(Int64(b - 0x30))   // accumulate negatively: Int64.min fits
                if o1 || o2 { overflow = true }
                value = a
                pos += 1
            }
        }
        var integral = true
        if peek() == 0x2E {
            integral = false
            pos += 1
            let digitsStart = pos
            while let b = peek(), b >= 0x30 && b <= 0x39 { pos += 1 }
            guard pos > digitsStart else { throw syntaxError("invalid number", at: start) }
        }
        if let e = peek(), e == 0x65 || e == 0x45 {
            integral = false
            pos += 1
            if let s = peek(), s == 0x2B || s == 0x2D { pos += 1 }
            let digitsStart = pos
            while let b = peek(), b >= 0x30 && b <= 0x39 { pos += 1 }
            guard pos > digitsStart else { throw syntaxError("invalid number", at: start) }
        }
        if integral && !overflow {
            if negative { return .int(value) }
            if value != Int64.min { return .int(-value) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<pos]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw syntaxError("number out of range", at: start) }
        return .double(d)
    }

    /// Iterates the members of an object at the cursor: `body` gets each key's
    /// bytes and must consume the value. Duplicate keys are the caller's concern.
    mutating func forEachMember(_ body: (inout JSONCursor, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try expect(0x7B, "'{'")
        skipWhitespace()
        if peek() == 0x7D { pos += 1; return }
        var key: [UInt8] = []
        while true {
            skipWhitespace()
            guard peek() == 0x22 else { throw syntaxError("expected a key string, found \(describeHere())") }
            // A key without escapes is used where it lies in the line; only
            // an unescaped copy (in `scratch`, reused) needs saving.
            var inLine: Range<Int>?
            let line = p
            try withString { s in
                if let sb = s.baseAddress, let base = line.baseAddress, sb >= base, sb <= base + line.count {
                    inLine = (sb - base) ..< (sb - base + s.count)
                } else {
                    key.removeAll(keepingCapacity: true)
                    key.append(contentsOf: s)
                }
            }
            try expect(0x3A, "':'")
            if let inLine {
                try body(&self, UnsafeBufferPointer(rebasing: line[inLine]))
            } else {
                try key.withUnsafeBufferPointer { try body(&self, $0) }
            }
            skipWhitespace()
            guard let b = peek(), b == 0x2C || b == 0x7D else {
                throw syntaxError("expected ',' or '}', found \(describeHere())")
            }
            pos += 1
            if b == 0x7D { return }
        }
    }

    /// Iterates the elements of an array at the cursor; `body` must consume each.
    mutating func forEachElement(_ body: (inout JSONCursor, Int) throws -> Void) throws {
        try expect(0x5B, "'['")
        skipWhitespace()
        if peek() == 0x5D { pos += 1; return }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            skipWhitespace()
            guard let b = peek(), b == 0x2C || b == 0x5D else {
                throw syntaxError("expected ',' or ']', found \(describeHere())")
            }
            pos += 1
            if b == 0x5D { return }
        }
    }

    /// Skips any value (bounded nesting), for error recovery inside a record.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < 64 else { throw syntaxError("nesting too deep") }
        switch try kind() {
        case .string: try withString { _ in }
        case .number: _ = try number()
        case .boolean, .null: _ = try literal()
        case .object: try forEachMember { c, _ in try c.skipValue(depth: depth + 1) }
        case .array: try forEachElement { c, _ in try c.skipValue(depth: depth + 1) }
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Byte equality with a static ASCII key.
    @inline(__always)
    func equals(_ key: StaticString) -> Bool {
        let n = key.utf8CodeUnitCount
        guard count == n else { return false }
        let s = key.utf8Start
        for i in 0..<n where self[i] != s[i] { return false }
        return true
    }
}
