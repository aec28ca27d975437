import SegqBasics

/// The options of the saved-segment commands.
enum SegmentOptions {
    static let save = [CommandOption("--folder", value: .segmentFolder), CommandOption("--static"), CommandOption("--replace")]
    static let move = [CommandOption("--none")]
    static let drop = [CommandOption("--force")]
}

/// `.tag add|remove|rename|delete|folder`, as `segq tag` has them.
enum TagSubcommands {
    static let add = Subcommand("add", "TAG QUERY", "Add TAG to the friends QUERY matches",
                                arguments: [.tagName, .query])
    static let remove = Subcommand("remove", "TAG QUERY", "Remove TAG from the friends QUERY matches",
                                   arguments: [.tagName, .query])
    static let rename = Subcommand("rename", "OLD NEW [--merge]",
                                   "Rename a tag on every friend and in every segment using it (--merge into an existing NEW)",
                                   arguments: [.tagName, .text], options: [CommandOption("--merge")])
    static let delete = Subcommand("delete", "NAME [--force]", "Delete a tag (--force even when segments use it)",
                                   arguments: [.tagName], options: [CommandOption("--force")])
    static let folder = Subcommand("folder", "NAME (FOLDER|--none)", "Put a tag in a folder, or take it out of its folder",
                                   arguments: [.tagName, .tagFolder], options: [CommandOption("--none")])
    static let all = [add, remove, rename, delete, folder]
}

extension REPLSession {
    /// `.save NAME [--folder F] [--static] [--replace] [QUERY]`: an existing
    /// segment is replaced only with `--replace`, as `segq segment save`
    /// does. `.save Repeat customers` (a name of several words, unquoted)
    /// is refused with a hint to quote it.
    func saveSegment(_ line: DotCommandLine) -> CommandStatus {
        let parsed = line.options(SegmentOptions.save, leadingWords: 1)
        if let problem = parsed.problem { return optionError(problem, command: "save") }
        guard let nameWord = parsed.words.first, !nameWord.text.isEmpty else { return usageError("save") }
        let typedQuery = queryArgument(line, from: parsed.restIndex)
        if !nameWord.isQuoted, let typedQuery, Self.isBareWords(typedQuery), engine.compile(typedQuery).hasErrors {
            let whole = nameWord.text + " " + typedQuery
            fail("a name of several words needs quotes: .save \(REPLCompleter.quoted(whole))"
                 + " (or give a query after the name: .save NAME QUERY)")
            return .failed
        }
        guard let query = typedQuery ?? lastQuery else {
            fail("no query given, and no earlier query to save")
            return .failed
        }
        let options = SegmentSaveOptions(folder: parsed.values["--folder"], isStatic: parsed.has("--static"),
                                         replace: parsed.has("--replace"))
        return report(engine.saveSegment(named: nameWord.text, query: query, options: options))
    }

    /// True for text that is only words (letters, digits, blanks): what
    /// follows an unquoted name when the name itself had several words.
    static func isBareWords(_ text: String) -> Bool {
        text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" || $0 == "'" }
    }

    /// `.move NAME FOLDER` / `.move NAME --none`.
    func moveSegment(_ line: DotCommandLine) -> CommandStatus {
        let parsed = line.options(SegmentOptions.move)
        if let problem = parsed.problem { return optionError(problem, command: "move") }
        let words = parsed.words.map(\.text)
        guard words.count == (parsed.has("--none") ? 1 : 2) else { return usageError("move") }
        return report(engine.moveSegment(named: words[0], toFolder: parsed.has("--none") ? nil : words[1]))
    }

    func dropSegment(_ line: DotCommandLine) -> CommandStatus {
        let parsed = line.options(SegmentOptions.drop)
        if let problem = parsed.problem { return optionError(problem, command: "drop") }
        guard parsed.words.count == 1 else { return usageError("drop") }
        return report(engine.dropSegment(named: parsed.words[0].text, force: parsed.has("--force")))
    }

    /// `.tag SUBCOMMAND …`.
    func tagCommand(_ line: DotCommandLine) -> CommandStatus {
        guard let first = line.words.first, !first.isQuoted,
              let subcommand = commands.command(named: "tag")?.subcommand(named: first.text.lowercased()) else {
            if let first = line.words.first {
                let names = TagSubcommands.all.map(\.name)
                let near = NearestName.ranked(near: first.text, in: names).first
                fail("unknown `.tag` subcommand `\(first.text)`" + (near.map { "; did you mean `\($0)`?" } ?? "")
                     + " (one of " + names.joined(separator: ", ") + ")")
                return .failed
            }
            return usageError("tag")
        }
        return tagSubcommand(subcommand, line, from: 1)
    }

    /// Runs one tag subcommand whose arguments start at word `start`.
    func tagSubcommand(_ subcommand: Subcommand, _ line: DotCommandLine, from start: Int = 0) -> CommandStatus {
        let usage = ".tag \(subcommand.name) \(subcommand.synopsis)"
        if subcommand.name == TagSubcommands.add.name || subcommand.name == TagSubcommands.remove.name {
            guard start < line.words.count, let query = queryArgument(line, from: start + 1) else {
                fail("usage: " + usage)
                return .failed
            }
            return report(engine.applyTag(line.words[start].text, query: query,
                                          remove: subcommand.name == TagSubcommands.remove.name))
        }
        let parsed = line.options(subcommand.options, from: start)
        if let problem = parsed.problem {
            fail(problem + "; usage: " + usage)
            return .failed
        }
        let words = parsed.words.map(\.text)
        switch subcommand.name {
        case TagSubcommands.rename.name where words.count == 2:
            return report(engine.renameTag(words[0], to: words[1], merge: parsed.has("--merge")))
        case TagSubcommands.delete.name where words.count == 1:
            return report(engine.deleteTag(words[0], force: parsed.has("--force")))
        case TagSubcommands.folder.name where words.count == (parsed.has("--none") ? 1 : 2):
            return report(engine.setTagFolder(words[0], folder: parsed.has("--none") ? nil : words[1]))
        default:
            fail("usage: " + usage)
            return .failed
        }
    }

    private func optionError(_ problem: String, command: String) -> CommandStatus {
        fail(problem + (commands.command(named: command).map { "; usage: " + $0.usage } ?? ""))
        return .failed
    }
}
