import ArgumentParser
import Foundation
import Segq

/// The QUERY argument: the text itself, or `-` to read standard input.
struct QueryArgument: ParsableArguments {
    @Argument(help: "The query, or `-` to read it from standard input.")
    var query: String

    /// The query text (standard input read whole for `-`).
    func text() throws -> String { try Self.read(query) }

    /// `argument` itself, or standard input read whole for `-`.
    static func read(_ argument: String) throws -> String {
        guard argument == "-" else { return argument }
        return try StandardInput.text()
    }
}

/// Standard input read whole as UTF-8 text.
enum StandardInput {
    /// The text; invalid UTF-8 is reported (E0007 with its byte offset)
    /// and ends the command with status 1.
    static func text() throws -> String {
        let input = DecodedInput(FileHandle.standardInput.readDataToEndOfFile())
        if let diagnostic = input.diagnostic(what: "standard input") {
            Diagnostics.report([diagnostic], in: SourceFile(input.text, name: "stdin"))
            throw SegqExit.queryError
        }
        return input.text
    }
}

/// The command line as the kernel passed it: every argument must be UTF-8
/// (a query, a segment or tag name, a path); one that is not is reported
/// with its byte offset before any command runs, never repaired.
enum RawArguments {
    static func requireUTF8() {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                            count: strlen(pointer))
            let input = DecodedInput(bytes)
            guard let diagnostic = input.diagnostic(what: "argument \(index)") else { continue }
            Diagnostics.report([diagnostic], in: SourceFile(input.text, name: "argument \(index)"))
            exit(ExitStatus.queryError)
        }
    }
}

/// Standard input one line at a time as bytes (without the `\n`), for the
/// REPL run as a script: the bytes are checked for UTF-8 before they
/// become text (`ScriptLineReader(nextBytes:)`).
enum StandardInputLines {
    static func next() -> [UInt8]? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let length = getline(&buffer, &capacity, stdin)
        guard length >= 0, let buffer else { return nil }
        var bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }
}
