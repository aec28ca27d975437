import SegqBasics
import Foundation

/// The REPL's dot-commands: one table that `.help`, Tab completion,
/// did-you-mean and dispatch all read. Handlers live in the extensions
/// below, grouped by topic.
enum BuiltinCommands {
    static let table = CommandTable([
        // Help and the session
        DotCommand("help", "[COMMAND]", "List the commands, or describe one", arguments: [.commandName]) { $0.help($1) },
        DotCommand("quit", aliases: ["exit", "q"], "", "Leave segq (Ctrl-D does too)") { _, _ in .quit },
        DotCommand("history", "", "Show the input history") { $0.showHistory($1) },
        DotCommand("clear", "", "Clear the screen") { $0.clearScreen($1) },
        DotCommand("read", aliases: ["i"], "FILE", "Run the queries and commands in FILE", arguments: [.filePath]) { $0.readFile($1) },
        DotCommand("print", "TEXT", "Print TEXT (useful in scripts)") { $0.printText($1) },
        DotCommand("echo", "[on|off]", "Print each query and command before running it", arguments: [.onOff]) { $0.echo($1) },
        DotCommand("bail", "[on|off]", "Stop a script at its first failed query or command", arguments: [.onOff]) { $0.bail($1) },

        // The store
        DotCommand("schema", aliases: ["fields", "d"], "[PREFIX]", "List the fields of the store with their types", readsStore: true) { $0.schema($1) },
        DotCommand("tags", "", "List the tags with their friend counts", readsStore: true) { session, _ in session.report(session.engine.tags()) },
        DotCommand("tag", "add|remove|rename|delete|folder …",
                   "Change tags as `segq tag` does: add to or remove from the friends a query matches, rename, delete, file in a folder",
                   subcommands: TagSubcommands.all, readsStore: true) { $0.tagCommand($1) },
        DotCommand("rename-tag", "OLD NEW [--merge]", "Same as .tag rename", arguments: [.tagName, .text],
                   options: TagSubcommands.rename.options, readsStore: true) { $0.tagSubcommand(TagSubcommands.rename, $1) },
        DotCommand("delete-tag", "NAME [--force]", "Same as .tag delete", arguments: [.tagName],
                   options: TagSubcommands.delete.options, readsStore: true) { $0.tagSubcommand(TagSubcommands.delete, $1) },
        DotCommand("segments", aliases: ["views"], "", "List the saved segments with their counts", readsStore: true) { session, _ in session.report(session.engine.segments()) },
        DotCommand("store", aliases: ["databases"], "", "Show which store is open", readsStore: true) { session, _ in session.report(session.engine.storeDescription()) },
        DotCommand("open", "PATH", "Open another store (.sqlite/.db, .jsonl, .csv)", arguments: [.filePath]) { $0.openStore($1) },
        DotCommand("import", "FILE…", "Import friends from JSONL or CSV files into the store", arguments: [.filePath], readsStore: true) { $0.importFiles($1) },

        // Looking at a query
        DotCommand("count", "[QUERY]", "Count the friends a query matches", arguments: [.query]) { $0.countQuery($1) },
        DotCommand("ast", "[QUERY]", "Show the syntax tree of a query (default: the last one)", arguments: [.query], readsStore: true) { session, line in
            session.inspect(line) { session.engine.syntaxTree(of: $0) }
        },
        DotCommand("groups", aliases: ["normalize"], "[QUERY]", "Show a query as groups of AND, OR between them, and its canonical text",
                   arguments: [.query], readsStore: true) { $0.showGroups($1) },
        DotCommand("explain", "[QUERY]", "Show how a query would be run", arguments: [.query], readsStore: true) { session, line in
            session.inspect(line) { session.engine.explain($0) }
        },
        DotCommand("why", "FRIEND_ID [QUERY]",
                   "Why a friend is or is not matched: each condition with the friend's value (default: the last query)",
                   arguments: [.text, .query], readsStore: true) { $0.why($1) },

        // Saved segments
        DotCommand("save", "NAME [--folder F] [--static] [--replace] [QUERY]",
                   "Save a query as a segment (default: the last query), in folder F, as today's members (--static), replacing one (--replace)",
                   arguments: [.segmentName, .query], options: SegmentOptions.save, readsStore: true) { $0.saveSegment($1) },
        DotCommand("move", "NAME (FOLDER|--none)", "Move a saved segment into FOLDER, or out of its folder (--none)",
                   arguments: [.segmentName, .segmentFolder], options: SegmentOptions.move, readsStore: true) { $0.moveSegment($1) },
        DotCommand("show", "[NAME]", "Show a saved segment (without NAME: the session's settings)",
                   arguments: [.segmentName], readsStore: true) { $0.showSegment($1) },
        DotCommand("drop", "NAME [--force]", "Delete a saved segment (--force even when others use it)",
                   arguments: [.segmentName, .text], options: SegmentOptions.drop, readsStore: true) { $0.dropSegment($1) },
        DotCommand("export", "NAME [FILE]", "Write a segment's members as CSV, or JSONL for a .jsonl FILE or `.format jsonl`",
                   arguments: [.segmentName, .filePath], readsStore: true) { $0.exportSegment($1) },
        DotCommand("proposals", "", "List the proposals agents made, with their status") { $0.listProposals($1) },
        DotCommand("approve", "ID", "Show a proposal and ask whether to approve it (needs a terminal)") { $0.approveProposal($1) },
        DotCommand("cancel", "ID", "Show a proposal and cancel it") { $0.cancelProposal($1) },

        // Settings
        DotCommand("now", "[INSTANT|reset]", "Show or fix the evaluation instant (RFC 3339)") { $0.evaluationInstant($1) },
        DotCommand("tz", "[ZONE]", "Show or set the time zone (IANA name)", arguments: [.timeZone]) { $0.timeZone($1) },
        DotCommand("timer", aliases: ["timing"], "[on|off]", "Show the time each query takes", arguments: [.onOff]) { $0.timer($1) },
        DotCommand("format", aliases: ["mode"], "[table|box|markdown|line|count|ids|jsonl|json|csv]",
                   "Choose how results are printed (.mode is the same command)",
                   arguments: [.formatName]) { $0.format($1) },
        DotCommand("headers", "[on|off]", "Show column names above tables and CSV", arguments: [.onOff]) { $0.headers($1) },
        DotCommand("expanded", aliases: ["x"], "[on|off|auto]",
                   "Show each friend as a record of column | value lines (auto: when the table is wider than the screen)",
                   arguments: [.onOffAuto]) { $0.expanded($1) },
        DotCommand("pager", "[on|off|auto]",
                   "Page long results with $PAGER or less -FRX (auto: when they do not fit the screen)",
                   arguments: [.onOffAuto]) { $0.pager($1) },
        DotCommand("columns", "[COLUMN,…|reset]",
                   "Choose the preview's columns (default: id, name, added, tags and the fields the query uses)",
                   arguments: [.columnList], readsStore: true) { $0.columns($1) },
        DotCommand("limit", "[N|all]", "Set how many friends a result shows (default 10)") { $0.limit($1) },
        DotCommand("output", aliases: ["o"], "[FILE|stdout]", "Write results to FILE (every matching friend, not only the limit), or back to standard output",
                   arguments: [.filePath]) { $0.output($1) },
    ])
}

// MARK: - Help and the session

extension REPLSession {
    func help(_ line: DotCommandLine) -> CommandStatus {
        guard let word = line.words.first?.text else {
            emit(commands.helpText(style: settings.style)
                 + "\nType a query to see who it matches. A query goes on over several lines while a\n"
                 + "parenthesis or string is open or a line ends in and/or/not. A query starting\n"
                 + "with `and`, `or` or `and not` refines the last one: it runs `(LAST) and …`.\n"
                 + "Tab completes; Up and Down walk the history, Ctrl-R searches it; Ctrl-C\n"
                 + "abandons the input or stops a running query; Ctrl-D leaves.\n"
                 + "`help`, `exit` and `quit` work without the dot, and commands may start with a\n"
                 + "backslash, as in psql: \\? (.help), \\q, \\x (.expanded), \\o FILE, \\i FILE, \\timing.\n"
                 + "Results taller than the screen go through $PAGER, else less -FRX (.pager).\n")
            return .done
        }
        let name = word.hasPrefix(".") ? String(word.dropFirst()) : word
        guard let command = commands.command(named: name) else {
            fail(commands.unknownCommandMessage(name))
            return .failed
        }
        emit(commands.helpText(for: command, style: settings.style))
        return .done
    }

    func showHistory(_ line: DotCommandLine) -> CommandStatus {
        let entries = reader?.history ?? []
        let width = String(entries.count).count
        var out = ""
        for (index, entry) in entries.enumerated() {
            let number = String(index + 1)
            let prefix = String(repeating: " ", count: width - number.count) + number + "  "
            let continuation = String(repeating: " ", count: prefix.count)
            out += prefix + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + continuation) + "\n"
        }
        emit(out)
        return .done
    }

    func clearScreen(_ line: DotCommandLine) -> CommandStatus {
        if settings.outputIsTerminal { console.write("\u{1B}[H\u{1B}[2J", to: .output) }
        return .done
    }

    func readFile(_ line: DotCommandLine) -> CommandStatus {
        guard let path = line.words.first?.text else { return usageError("read") }
        guard readDepth < Self.maximumReadDepth else {
            fail(".read is nested more than \(Self.maximumReadDepth) deep")
            return .failed
        }
        let bytes: [UInt8]
        switch ScriptFile.read(Self.expandingTilde(path)) {
        case .success(let read): bytes = read
        case .failure(let reason):
            fail("cannot read `\(path)`: \(reason.description)")
            return .failed
        }
        readDepth += 1
        defer { readDepth -= 1 }
        let quit = process(ScriptLineReader(name: path, bytes: bytes))
        return quit ? .quit : .done
    }

    func printText(_ line: DotCommandLine) -> CommandStatus {
        emit(line.words.map(\.text).joined(separator: " "))
        return .done
    }

    func echo(_ line: DotCommandLine) -> CommandStatus {
        switchSetting(line, name: "echo", value: &echoesInput)
    }

    func bail(_ line: DotCommandLine) -> CommandStatus {
        switchSetting(line, name: "bail", value: &bailsOnError)
    }

    /// `.NAME [on|off]`: shows or sets an on/off setting (and at a terminal says what it is now).
    func switchSetting(_ line: DotCommandLine, name: String, value: inout Bool) -> CommandStatus {
        switch line.words.first?.text.lowercased() {
        case nil:
            note(name + ": " + (value ? "on" : "off"))
            return .done
        case "on", "yes", "true", "1": value = true
        case "off", "no", "false", "0": value = false
        default: return usageError(name)
        }
        noteSetting(name + ": " + (value ? "on" : "off"))
        return .done
    }

    /// The setting as it is now, after a command that showed or changed it.
    /// Said to a person at a terminal; a script's output stays its results.
    func noteSetting(_ text: String) {
        if reader?.isInteractive == true { note(text) }
    }

    func usageError(_ name: String) -> CommandStatus {
        if let command = commands.command(named: name) {
            fail("usage: " + command.usage)
        }
        return .failed
    }
}

// MARK: - The store

extension REPLSession {
    /// `.schema [PREFIX]`: the fields (only the integrations the store has), with types.
    func schema(_ line: DotCommandLine) -> CommandStatus {
        let prefix = line.words.first?.text.lowercased() ?? ""
        let fields = engine.fields().filter { prefix.isEmpty || $0.path.lowercased().hasPrefix(prefix) }
        guard !fields.isEmpty else {
            fail(prefix.isEmpty ? "the store offers no fields" : "no field starts with `\(prefix)`")
            return .failed
        }
        let formatter = TableFormatter(columns: [.init("field"), .init("type")],
                                       totalWidth: settings.terminalWidth, style: settings.style)
        emit(formatter.render(fields.map { [$0.path, $0.type.rawValue] }))
        return .done
    }

    func openStore(_ line: DotCommandLine) -> CommandStatus {
        guard let path = line.words.first?.text else { return usageError("open") }
        return report(engine.openStore(at: Self.expandingTilde(path)))
    }

    /// `~/x` → the home folder's `x`, as a shell would.
    static func expandingTilde(_ path: String) -> String {
        path.hasPrefix("~") ? (path as NSString).expandingTildeInPath : path
    }

    func importFiles(_ line: DotCommandLine) -> CommandStatus {
        guard !line.words.isEmpty else { return usageError("import") }
        return report(engine.importFiles(line.words.map { Self.expandingTilde($0.text) }))
    }
}

// MARK: - Looking at a query

extension REPLSession {
    func countQuery(_ line: DotCommandLine) -> CommandStatus {
        guard let query = queryArgument(line, from: 0) ?? lastQuery else {
            fail("no query given, and no earlier query to count")
            return .failed
        }
        guard let outcome = run(query, rowLimit: 0) else { return .failed }
        emit(PreviewRenderer(settings: settings).renderCount(outcome.preview.count, elapsed: outcome.elapsed))
        return .done
    }

    /// `.groups [QUERY]`: the normal form as groups, then its canonical text and hash.
    func showGroups(_ line: DotCommandLine) -> CommandStatus {
        guard let query = queryArgument(line, from: 0) ?? lastQuery else {
            fail("no query given, and no earlier query to use")
            return .failed
        }
        let compiled = engine.compile(query)
        if compiled.hasErrors {
            failRendered(compiled.diagnostics)
            return .failed
        }
        warn(compiled.diagnostics)
        var out = PreviewRenderer(settings: settings).groups(compiled.groups)
        if let normalized = compiled.normalized { out += "\nnormalized: " + normalized + "\n" }
        if let hash = compiled.hash { out += settings.style.dim("hash: " + hash) + "\n" }
        emit(out)
        return .done
    }

    /// Runs an inspection on the query argument, or on the last query.
    func inspect(_ line: DotCommandLine, _ body: (String) -> CommandResult) -> CommandStatus {
        guard let query = queryArgument(line, from: 0) ?? lastQuery else {
            fail("no query given, and no earlier query to use")
            return .failed
        }
        return report(body(query))
    }

    /// `.why FRIEND_ID [QUERY]`: every group and condition for one friend.
    func why(_ line: DotCommandLine) -> CommandStatus {
        guard let friend = line.words.first?.text, !friend.isEmpty else { return usageError("why") }
        guard let query = queryArgument(line, from: 1) ?? lastQuery else {
            fail("no query given, and no earlier query to explain")
            return .failed
        }
        return report(engine.why(friendID: friend, query: query))
    }

    /// The raw query text from argument `index` to the end of the line.
    func queryArgument(_ line: DotCommandLine, from index: Int) -> String? {
        let text = line.rest(from: index)
        return text.isEmpty ? nil : text
    }
}

// MARK: - Saved segments

extension REPLSession {
    func showSegment(_ line: DotCommandLine) -> CommandStatus {
        guard let name = line.words.first?.text else {
            note(settingsDescription())
            return .done
        }
        return report(engine.showSegment(named: name))
    }

    func exportSegment(_ line: DotCommandLine) -> CommandStatus {
        guard let name = line.words.first?.text, line.words.count <= 2 else { return usageError("export") }
        let path = line.words.count > 1 ? line.words[1].text : nil
        let format: ExportFormat
        // CSV unless JSON Lines is asked for, as `segq segment export` does.
        if let path {
            let lowered = path.lowercased()
            format = lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") ? .jsonl : .csv
        } else {
            format = settings.format == .jsonl ? .jsonl : .csv
        }
        return report(engine.exportSegment(named: name, format: format, to: path.map(Self.expandingTilde)))
    }
}

// MARK: - Settings

extension REPLSession {
    func evaluationInstant(_ line: DotCommandLine) -> CommandStatus {
        guard let word = line.words.first?.text else {
            emit("now: " + engine.evaluationInstant())
            return .done
        }
        return report(engine.setEvaluationInstant(word == "reset" ? nil : word))
    }

    func timeZone(_ line: DotCommandLine) -> CommandStatus {
        guard let word = line.words.first?.text else {
            emit("time zone: " + engine.timeZone())
            return .done
        }
        return report(engine.setTimeZone(word))
    }

    func timer(_ line: DotCommandLine) -> CommandStatus {
        switchSetting(line, name: "timer", value: &settings.showsTiming)
    }

    /// `.show` without a name: the session's settings, sqlite3 style.
    func settingsDescription() -> String {
        let rows: [(String, String)] = [
            ("format", settings.format.rawValue),
            ("headers", settings.showsHeaders ? "on" : "off"),
            ("expanded", settings.expanded.rawValue),
            ("pager", settings.pager.rawValue),
            ("columns", columnsDescription),
            ("limit", settings.rowLimit.map(String.init) ?? "all"),
            ("timer", settings.showsTiming ? "on" : "off"),
            ("echo", echoesInput ? "on" : "off"),
            ("bail", bailsOnError ? "on" : "off"),
            ("output", results.path ?? "stdout"),
            ("now", engine.evaluationInstant()),
            ("tz", engine.timeZone()),
        ]
        return rows.map { DisplayWidth.pad($0.0 + ":", to: 8) + " " + $0.1 }.joined(separator: "\n")
    }

    func format(_ line: DotCommandLine) -> CommandStatus {
        let names = OutputFormat.allCases.map(\.rawValue)
        guard let word = line.words.first?.text else {
            note("format: \(settings.format.rawValue) (one of \(names.joined(separator: ", ")))")
            return .done
        }
        guard let format = OutputFormat(rawValue: word.lowercased()) else {
            let near = NearestName.ranked(near: word, in: names)
            fail("unknown format `\(word)`" + (near.first.map { "; did you mean `\($0)`?" } ?? "")
                 + " (one of \(names.joined(separator: ", ")))")
            return .failed
        }
        settings.format = format
        noteSetting("format: " + format.rawValue)
        return .done
    }

    func limit(_ line: DotCommandLine) -> CommandStatus {
        guard let word = line.words.first?.text else {
            note("limit: " + (settings.rowLimit.map(String.init) ?? "all"))
            return .done
        }
        if word.lowercased() == "all" {
            settings.rowLimit = nil
        } else if let value = Int(word), value >= 0 {
            settings.rowLimit = value
        } else {
            return usageError("limit")
        }
        noteSetting("limit: " + (settings.rowLimit.map(String.init) ?? "all"))
        return .done
    }

    func output(_ line: DotCommandLine) -> CommandStatus {
        guard let path = line.words.first?.text, path != "stdout" else {
            results.close()
            noteSetting("output: stdout")
            return .done
        }
        if let error = results.redirect(to: path) {
            fail(error)
            return .failed
        }
        noteSetting("output: " + path)
        return .done
    }
}
