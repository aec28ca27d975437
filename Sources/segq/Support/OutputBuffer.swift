/// Batches output lines so that printing a million ids is not a million
/// writes.
struct OutputBuffer {
    private var buffer = ""

    mutating func line(_ text: String) {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        if !buffer.isEmpty { Output.write(buffer) }
        buffer = ""
    }
}
