import SegqBasics

/// What a dot-command argument is, so Tab can complete it.
public enum ArgumentKind: Equatable, Sendable {
    /// A dot-command name (`.help schema`).
    case commandName
    case segmentName
    case tagName
    /// A folder saved segments are filed in (`.save --folder`, `.move`).
    case segmentFolder
    /// A folder tags are filed in (`.tag folder`).
    case tagFolder
    case filePath
    /// An IANA time zone name.
    case timeZone
    /// An output format (`table`, `count`, …).
    case formatName
    /// `on` or `off`.
    case onOff
    /// `on`, `off` or `auto`.
    case onOffAuto
    /// Column names separated by commas (`.columns`), or `reset`.
    case columnList
    /// A query: the rest of the line, completed as query text.
    case query
    /// One of the command's subcommands (`.tag add`).
    case subcommand
    /// Free text with nothing to offer.
    case text
}

/// What the REPL does after a command.
public enum CommandStatus: Equatable, Sendable {
    case done
    /// The command failed (script mode then exits with status 1).
    case failed
    /// Leave the REPL.
    case quit
}

/// One dot-command: the single source that help, completion, did-you-mean
/// and dispatch all read.
public struct DotCommand: Sendable {
    /// The name without the dot.
    public let name: String
    /// Other names that run the same command (`exit` for `quit`).
    public let aliases: [String]
    /// The arguments as shown in help: `NAME [QUERY]`.
    public let synopsis: String
    /// One line for `.help`.
    public let summary: String
    /// What each argument position holds; the last kind applies to every
    /// further position. Empty: no arguments.
    public let arguments: [ArgumentKind]
    /// Its `--` options (`--replace`, `--folder F`).
    public let options: [CommandOption]
    /// Its subcommands (`.tag add|remove|…`), each with its own arguments
    /// and options; empty for a command without.
    public let subcommands: [Subcommand]
    /// Whether the command reads the store (listings, saved segments,
    /// queries): the session first checks that no other process changed it.
    public let readsStore: Bool
    let handler: @Sendable (REPLSession, DotCommandLine) -> CommandStatus

    init(_ name: String, aliases: [String] = [], _ synopsis: String, _ summary: String,
         arguments: [ArgumentKind] = [], options: [CommandOption] = [], subcommands: [Subcommand] = [],
         readsStore: Bool = false,
         handler: @escaping @Sendable (REPLSession, DotCommandLine) -> CommandStatus) {
        self.name = name
        self.aliases = aliases
        self.synopsis = synopsis
        self.summary = summary
        self.arguments = subcommands.isEmpty ? arguments : [.subcommand]
        self.options = options
        self.subcommands = subcommands
        self.readsStore = readsStore
        self.handler = handler
    }

    /// What argument position `index` holds.
    public func argumentKind(at index: Int) -> ArgumentKind {
        guard let last = arguments.last else { return .text }
        return index < arguments.count ? arguments[index] : last
    }

    /// The subcommand called `name`, exactly.
    public func subcommand(named name: String?) -> Subcommand? {
        subcommands.first { $0.name == name }
    }

    /// The argument kinds of a line whose first word is `first`: the
    /// command's own, or for a subcommand its name then its arguments.
    public func argumentKinds(firstWord first: String?) -> [ArgumentKind] {
        guard !subcommands.isEmpty else { return arguments }
        return [.subcommand] + (subcommand(named: first)?.arguments ?? [])
    }

    /// The options of a line whose first word is `first`.
    public func options(firstWord first: String?) -> [CommandOption] {
        subcommands.isEmpty ? options : subcommand(named: first)?.options ?? []
    }

    /// `.save NAME [QUERY]`
    public var usage: String { synopsis.isEmpty ? "." + name : "." + name + " " + synopsis }
}

/// One subcommand of a dot-command: `.tag rename OLD NEW [--merge]`.
public struct Subcommand: Sendable {
    public let name: String
    /// Its arguments as shown in help: `OLD NEW [--merge]`.
    public let synopsis: String
    public let summary: String
    /// What each argument after the subcommand's name holds; the last kind
    /// applies to every further position.
    public let arguments: [ArgumentKind]
    public let options: [CommandOption]

    init(_ name: String, _ synopsis: String, _ summary: String, arguments: [ArgumentKind] = [],
         options: [CommandOption] = []) {
        self.name = name
        self.synopsis = synopsis
        self.summary = summary
        self.arguments = arguments
        self.options = options
    }
}

/// The dot-commands, looked up by name or alias.
public struct CommandTable: Sendable {
    public let commands: [DotCommand]

    public init(_ commands: [DotCommand]) { self.commands = commands }

    /// The command called `name` (without the dot), by name or alias, exactly.
    public func command(named name: String) -> DotCommand? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Every name and alias, in table order.
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// Names and aliases starting with `prefix`, sorted.
    public func names(startingWith prefix: String) -> [String] {
        allNames.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Names to suggest for a mistyped `name`: near by edit distance, or
    /// ones it is a prefix of.
    public func suggestions(for name: String) -> [String] {
        let near = NearestName.ranked(near: name, in: allNames)
        if !near.isEmpty { return near }
        return name.isEmpty ? [] : names(startingWith: name)
    }

    /// The message for an unknown command.
    public func unknownCommandMessage(_ name: String) -> String {
        let shown = "." + name
        let suggestions = suggestions(for: name).prefix(3).map { "`." + $0 + "`" }
        var message = "unknown command `\(shown)`"
        if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.joined(separator: " or ") + "?"
        }
        return message + " (.help lists the commands)"
    }

    /// `.help`: one line a command, synopses aligned.
    public func helpText(style: Style) -> String {
        let width = commands.map { $0.usage.count }.max() ?? 0
        var out = ""
        for command in commands {
            let padding = String(repeating: " ", count: width - command.usage.count + 2)
            var line = style.bold(command.usage) + padding + command.summary
            if !command.aliases.isEmpty {
                line += style.dim(" (also " + command.aliases.map { "." + $0 }.joined(separator: ", ") + ")")
            }
            out += line + "\n"
        }
        return out
    }

    /// `.help NAME`: usage and summary of one command.
    public func helpText(for command: DotCommand, style: Style) -> String {
        var out = style.bold(command.usage) + "\n  " + command.summary + "\n"
        for subcommand in command.subcommands {
            out += "  " + style.bold("." + command.name + " " + subcommand.name + " " + subcommand.synopsis)
                + "\n    " + subcommand.summary + "\n"
        }
        if !command.aliases.isEmpty {
            out += "  Also: " + command.aliases.map { "." + $0 }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
