/// The other ways people coming from psql and other shells write a
/// dot-command, turned into the dot-command line they mean:
///
/// - psql's backslash commands: `\NAME ARGS` is `.NAME ARGS`, so `\q`,
///   `\i FILE`, `\o FILE`, `\timing`, `\d` run the table's `.q`, `.i`,
///   `.o`, `.timing`, `.d` aliases; the two whose name is no dot name are
///   translated: `\?` is `.help`, `\x` is `.expanded`.
/// - `help`, `exit` and `quit` alone on a line, in any case.
enum CommandSpellings {
    /// psql backslash names that are not names or aliases of the table.
    static let backslashNames: [String: String] = ["?": "help", "x": "expanded"]

    /// Words that alone on a line run the dot-command of the same name.
    static let bareWords: Set<String> = ["help", "exit", "quit"]

    /// The dot-command line `line` (leading blanks removed) means, or nil
    /// when it is none of these spellings.
    static func command(for line: Substring) -> String? {
        if line.hasPrefix("\\") {
            let body = line.dropFirst()
            let name = body.prefix { !($0 == " " || $0 == "\t") }
            return "." + (backslashNames[String(name)] ?? String(name)) + body.dropFirst(name.count)
        }
        let word = line.trimmingTrailingBlanks().lowercased()
        return bareWords.contains(word) ? "." + word : nil
    }
}

extension StringProtocol {
    func trimmingTrailingBlanks() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" || self[before] == "\r" else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
