import ArgumentParser
import Foundation

/// The QUERY argument: the text itself, or `-` to read standard input.
struct QueryArgument: ParsableArguments {
    @Argument(help: "The query, or `-` to read it from standard input.")
    var query: String

    /// The query text (standard input read whole for `-`).
    func text() throws -> String {
        try Self.text(of: query)
    }

    /// `query`, or standard input read whole when it is `-`.
    static func text(of query: String) throws -> String {
        guard query == "-" else { return query }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            // Not UTF-8: let the lexer report the bad bytes with positions.
            return String(decoding: data, as: UTF8.self)
        }
        return text
    }
}
