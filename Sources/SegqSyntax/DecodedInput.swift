import SegqBasics

/// Bytes that should be UTF-8 text — a query from standard input, a
/// command-line argument, a REPL line, a `.read` file — checked before any
/// phase sees them: invalid UTF-8 is never repaired into U+FFFD silently.
public struct DecodedInput: Sendable {
    /// The text; an invalid sequence shows as U+FFFD here, for display only.
    public let text: String
    /// Byte offset of the first invalid sequence, and its first byte.
    public let invalid: (offset: Int, byte: UInt8)?

    public init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        text = String(decoding: bytes, as: UTF8.self)
        invalid = UTF8Validation.firstInvalid(in: bytes)
    }

    public var isValid: Bool { invalid == nil }

    /// E0007 at the first invalid byte, over `text` (the bytes before it
    /// are valid, so its offset is the same in `text`), or nil when valid.
    /// `what` names the input in the message ("the query", "argument 3").
    public func diagnostic(what: String = "the query") -> Diagnostic? {
        guard let invalid else { return nil }
        // U+FFFD takes three bytes in `text` where the bad byte was.
        let span = Span(offset: invalid.offset, length: 3)
        return .error(.invalidUTF8, UTF8Validation.message(invalid, in: what), at: span,
                      notes: ["segq reads text as UTF-8: convert the input (for example with `iconv -t UTF-8`)"])
    }
}
