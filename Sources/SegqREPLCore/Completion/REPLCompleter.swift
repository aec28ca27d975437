import Foundation

/// Tab completion for the REPL line: dot-command names and their arguments
/// from the command table, query text by `QueryCompleter` (the grammar and
/// the store's names, through the engine).
///
/// Offsets are UTF-8 bytes. A name that needs quoting (blanks, quotes) is
/// offered quoted, and then all candidates are, so they share a prefix.
/// A single finished candidate ends in a space.
struct REPLCompleter {
    let commands: CommandTable
    let engine: REPLEngine

    /// Completes `line` at `cursor`; `pending` holds the earlier lines of an
    /// unfinished query (empty when none).
    func complete(pending: String, line: String, cursor: Int) -> Completion {
        let bytes = Array(line.utf8)
        let cursor = min(max(0, cursor), bytes.count)
        if pending.isEmpty, line.trimmingLeadingBlanks().hasPrefix(".") {
            return completeCommand(bytes, cursor: cursor)
        }
        let before = pending.isEmpty ? "" : pending + "\n"
        let offset = before.utf8.count
        let completion = QueryCompleter(engine: engine).complete(before + line, cursor: cursor + offset).shifted(by: -offset)
        guard completion.replaceFrom >= 0, completion.replaceFrom <= cursor else { return .none(at: cursor) }
        return completion
    }

    private func completeCommand(_ bytes: [UInt8], cursor: Int) -> Completion {
        let typed = DotCommandLine(String(decoding: bytes[..<cursor], as: UTF8.self))
        if typed.nameEnd == cursor {
            let names = commands.names(startingWith: typed.name).map { "." + $0 }
            return Completion(replaceFrom: typed.nameStart, candidates: finished(names))
        }
        guard let command = commands.command(named: typed.name), !command.arguments.isEmpty else {
            return .none(at: cursor)
        }
        let inWord = typed.words.last.map { $0.end == cursor } ?? false
        let index = inWord ? typed.words.count - 1 : typed.words.count
        let partial = inWord ? typed.words[index] : nil
        let start = partial?.start ?? cursor
        let firstWord = index > 0 ? typed.words[0].text : nil
        let kinds = command.argumentKinds(firstWord: firstWord)
        let options = command.options(firstWord: firstWord)

        // Options (`--replace`) and their values are not positional arguments.
        var positions: [Int] = []  // word index of each positional argument before the cursor
        var wordIndex = 0
        var valueKind: ArgumentKind?
        while wordIndex < index {
            let word = typed.words[wordIndex]
            if !word.isQuoted, let option = options.first(where: { $0.name == word.text }) {
                if let value = option.value {
                    if wordIndex + 1 == index { valueKind = value }
                    wordIndex += 1
                }
            } else {
                positions.append(wordIndex)
            }
            wordIndex += 1
        }
        let prefix = partial?.text ?? ""
        let forceQuotes = partial?.isQuoted ?? false
        if valueKind == nil, !forceQuotes, prefix.hasPrefix("-"), !options.isEmpty {
            return names(options.map(\.name), prefix: prefix, quoted: false, from: start)
        }
        let position = positions.count

        if valueKind == nil, let queryIndex = kinds.firstIndex(of: .query), position >= queryIndex {
            let queryStart = queryIndex < positions.count ? typed.words[positions[queryIndex]].start : start
            let text = String(decoding: bytes[queryStart...], as: UTF8.self)
            let completion = QueryCompleter(engine: engine).complete(text, cursor: cursor - queryStart).shifted(by: queryStart)
            guard completion.replaceFrom >= queryStart, completion.replaceFrom <= cursor else { return .none(at: cursor) }
            return completion
        }

        let kind = valueKind ?? (kinds.isEmpty ? .text : kinds[min(position, kinds.count - 1)])
        switch kind {
        case .commandName:
            return Completion(replaceFrom: start, candidates: finished(commands.names(startingWith: prefix.hasPrefix(".") ? String(prefix.dropFirst()) : prefix)))
        case .subcommand:
            return names(command.subcommands.map(\.name), prefix: prefix, quoted: false, from: start)
        case .segmentName:
            return names(engine.values(of: "segment", limit: QueryCompleter.valueLimit), prefix: prefix, quoted: forceQuotes, from: start)
        case .tagName:
            return names(engine.values(of: "tag", limit: QueryCompleter.valueLimit), prefix: prefix, quoted: forceQuotes, from: start)
        case .segmentFolder:
            return names(engine.folderNames(of: .segment), prefix: prefix, quoted: forceQuotes, from: start)
        case .tagFolder:
            return names(engine.folderNames(of: .tag), prefix: prefix, quoted: forceQuotes, from: start)
        case .timeZone:
            return names(TimeZone.knownTimeZoneIdentifiers, prefix: prefix, quoted: forceQuotes, from: start)
        case .formatName:
            return names(OutputFormat.allCases.map(\.rawValue), prefix: prefix, quoted: forceQuotes, from: start)
        case .onOff:
            return names(["on", "off"], prefix: prefix, quoted: forceQuotes, from: start)
        case .onOffAuto:
            return names(AutoSwitch.allCases.map(\.rawValue), prefix: prefix, quoted: forceQuotes, from: start)
        case .columnList:
            // Only the name after the last comma is completed.
            let done = prefix.lastIndex(of: ",").map { prefix[...$0] } ?? ""
            let offered = (index == 0 && done.isEmpty ? ["reset"] : []) + PreviewColumns.standard
                + engine.fields().map(\.path).filter { $0 != "tag" && $0 != "segment" }
            return names(offered, prefix: String(prefix.dropFirst(done.count)), quoted: false,
                         from: start + done.utf8.count)
        case .filePath:
            return files(prefix: prefix, quoted: forceQuotes, from: start)
        case .query, .text:
            return .none(at: cursor)
        }
    }

    /// Names starting with `prefix` (ignoring case), quoted when needed.
    private func names(_ all: [String], prefix: String, quoted: Bool, from start: Int) -> Completion {
        let lowered = prefix.lowercased()
        let matching = Array(Set(all.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
        let quote = quoted || matching.contains(where: Self.needsQuotes)
        let candidates = matching.map { quote ? Self.quoted($0) : $0 }
        return Completion(replaceFrom: start, candidates: finished(candidates))
    }

    private func files(prefix: String, quoted: Bool, from start: Int) -> Completion {
        let matches = FileNameCompleter.matches(for: prefix)
        let quote = quoted || matches.contains { Self.needsQuotes($0.path) }
        if matches.count == 1, let only = matches.first {
            let text = quote ? "\"" + Self.escaped(only.path) + (only.isDirectory ? "" : "\" ") : only.path + (only.isDirectory ? "" : " ")
            return Completion(replaceFrom: start, candidates: [text])
        }
        let candidates = matches.map { quote ? "\"" + Self.escaped($0.path) : $0.path }
        return Completion(replaceFrom: start, candidates: candidates)
    }

    /// A lone candidate gets the space that ends its word.
    private func finished(_ candidates: [String]) -> [String] {
        candidates.count == 1 ? [candidates[0] + " "] : candidates
    }

    static func needsQuotes(_ name: String) -> Bool {
        name.isEmpty || name.contains { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "\\" }
    }

    static func quoted(_ name: String) -> String { "\"" + escaped(name) + "\"" }

    static func escaped(_ name: String) -> String {
        var out = ""
        for character in name {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
