import SegqBasics

// MARK: - How results look: .headers, .expanded, .pager, .columns

extension REPLSession {
    func headers(_ line: DotCommandLine) -> CommandStatus {
        let status = switchSetting(line, name: "headers", value: &settings.showsHeaders)
        if status == .done && !line.words.isEmpty { noteSetting("headers: " + (settings.showsHeaders ? "on" : "off")) }
        return status
    }

    func expanded(_ line: DotCommandLine) -> CommandStatus {
        autoSetting(line, name: "expanded", value: &settings.expanded)
    }

    func pager(_ line: DotCommandLine) -> CommandStatus {
        autoSetting(line, name: "pager", value: &settings.pager)
    }

    /// `.NAME [on|off|auto]`: shows or sets a three-way setting. Without an
    /// argument `.expanded` toggles between on and off, as psql's `\x` does.
    private func autoSetting(_ line: DotCommandLine, name: String, value: inout AutoSwitch) -> CommandStatus {
        guard let word = line.words.first?.text.lowercased() else {
            if name == "expanded" {
                value = value == .on ? .off : .on
                noteSetting(name + ": " + value.rawValue)
            } else {
                note(name + ": " + value.rawValue)
            }
            return .done
        }
        switch word {
        case "on", "yes", "true", "1": value = .on
        case "off", "no", "false", "0": value = .off
        case "auto": value = .auto
        default: return usageError(name)
        }
        noteSetting(name + ": " + value.rawValue)
        return .done
    }

    /// `.columns id,name,shopify.purchases`, `.columns reset`, or `.columns`
    /// alone to show them. Every name must be a standard column or a field
    /// of the store.
    func columns(_ line: DotCommandLine) -> CommandStatus {
        let text = line.rest(from: 0)
        if text.isEmpty {
            note("columns: " + columnsDescription)
            return .done
        }
        if text.lowercased() == "reset" {
            settings.columns = nil
            noteSetting("columns: " + columnsDescription)
            return .done
        }
        guard let names = PreviewColumns.parse(text) else { return usageError("columns") }
        let known = PreviewColumns.standard + engine.fields().map(\.path).filter { $0 != "tag" && $0 != "segment" }
        for name in names where !known.contains(name) {
            let near = NearestName.ranked(near: name, in: known)
            fail("unknown column `\(name)`" + (near.first.map { "; did you mean `\($0)`?" } ?? "")
                 + " (columns: id, name, added, tags, or a field `.schema` lists)")
            return .failed
        }
        settings.columns = names
        noteSetting("columns: " + columnsDescription)
        return .done
    }

    var columnsDescription: String {
        settings.columns.map { $0.joined(separator: ",") }
            ?? PreviewColumns.standard.joined(separator: ",") + " and the fields the query uses"
    }
}
