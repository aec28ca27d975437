/// Where bytes stop being UTF-8: the one check every input path (command
/// line arguments, standard input, REPL lines, `.read` files) makes before
/// turning bytes into text, so invalid bytes are reported, never replaced.
public enum UTF8Validation {
    /// The byte offset and value of the first byte that does not begin a
    /// well-formed UTF-8 sequence, or nil when all of `bytes` is UTF-8.
    public static func firstInvalid<Bytes: Collection>(in bytes: Bytes) -> (offset: Int, byte: UInt8)?
    where Bytes.Element == UInt8 {
        var offset = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return (offset, bytes[bytes.index(bytes.startIndex, offsetBy: offset)])
            }
        }
    }

    /// `invalid UTF-8 byte 0xFF at byte offset 7 of WHAT`.
    public static func message(_ invalid: (offset: Int, byte: UInt8), in what: String) -> String {
        "invalid UTF-8 byte 0x" + String(invalid.byte, radix: 16, uppercase: true)
            + " at byte offset \(invalid.offset) of \(what)"
    }
}
