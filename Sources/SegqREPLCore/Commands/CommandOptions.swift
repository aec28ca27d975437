/// A dot-command's `--` options (`--replace`, `--folder F`): the table
/// declares them, Tab completes them and the handlers read them with
/// `DotCommandLine.options(_:)`. A quoted word is never an option, so
/// `.drop "--force"` names a segment.
public struct CommandOption: Equatable, Sendable {
    /// With the dashes: `--folder`.
    public let name: String
    /// What the option's value is (`--folder F`); nil for a flag.
    public let value: ArgumentKind?

    public init(_ name: String, value: ArgumentKind? = nil) {
        self.name = name
        self.value = value
    }
}

/// The options of one command line, and the words that are not options.
struct ParsedOptions {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    /// The words that are neither options nor option values, in order.
    var words: [DotCommandLine.Word] = []
    /// An unquoted `--word` that is none of the command's options, or an
    /// option whose value is missing.
    var problem: String?
    /// With `stoppingAtWord`: the index (in the line's words) of the first
    /// word after the leading words and options (where a query starts).
    var restIndex: Int

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension DotCommandLine {
    /// Reads `options` among the words from `start`. With `leadingWords`
    /// set, reading stops at the first word after that many plain words
    /// that is not an option (the rest is a query: `.save NAME --static tag = "VIP"`).
    func options(_ options: [CommandOption], from start: Int = 0, leadingWords: Int? = nil) -> ParsedOptions {
        var parsed = ParsedOptions(restIndex: words.count)
        var index = start
        while index < words.count {
            let word = words[index]
            if !word.isQuoted, word.text.hasPrefix("--") {
                guard let option = options.first(where: { $0.name == word.text }) else {
                    parsed.problem = parsed.problem ?? "unknown option `\(word.text)`"
                    index += 1
                    continue
                }
                if option.value != nil {
                    guard index + 1 < words.count else {
                        parsed.problem = parsed.problem ?? "`\(word.text)` needs a value"
                        index += 1
                        continue
                    }
                    parsed.values[option.name] = words[index + 1].text
                    index += 2
                } else {
                    parsed.flags.insert(option.name)
                    index += 1
                }
                continue
            }
            if let leadingWords, parsed.words.count >= leadingWords {
                parsed.restIndex = index
                return parsed
            }
            parsed.words.append(word)
            index += 1
        }
        return parsed
    }
}
