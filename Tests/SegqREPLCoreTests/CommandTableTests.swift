import SegqBasics
import Testing
@testable import SegqREPLCore

@Suite struct CommandTableTests {
    let table = REPLSession(engine: FakeEngine(), console: RecordingConsole(),
                            settings: REPLSettings(interactive: false)).commands

    @Test func everyCommandTheIssueNamesIsInTheTable() {
        for name in ["help", "schema", "tags", "segments", "ast", "groups", "explain", "save", "show", "drop",
                     "export", "proposals", "approve", "cancel", "now", "tz", "open", "import", "timer", "format", "quit",
                     "exit", "history", "read", "output", "mode", "limit", "count"] {
            #expect(table.command(named: name) != nil, "missing .\(name)")
        }
    }

    @Test func namesAreUnique() {
        #expect(Set(table.allNames).count == table.allNames.count)
    }

    @Test func aliasesFindTheirCommand() {
        #expect(table.command(named: "exit")?.name == "quit")
        #expect(table.command(named: "mode")?.name == "format")
    }

    @Test func didYouMeanComesFromTheSameTable() {
        #expect(table.suggestions(for: "sav").first == "save")
        #expect(table.suggestions(for: "qiut").first == "quit")
        #expect(table.suggestions(for: "shcema").first == "schema")
        #expect(table.suggestions(for: "zzzzzz").isEmpty)
        #expect(table.unknownCommandMessage("tagz") == "unknown command `.tagz`; did you mean `.tags` or `.tag` or `.tz`? (.help lists the commands)")
        #expect(table.unknownCommandMessage("frobnicate") == "unknown command `.frobnicate` (.help lists the commands)")
    }

    @Test func helpListsEveryCommandOnce() {
        let help = table.helpText(style: .plain)
        for command in table.commands {
            #expect(help.components(separatedBy: "\n").filter { $0.hasPrefix(command.usage + " ") }.count == 1)
        }
    }

    @Test func editDistanceCountsSwapsAsOneEdit() {
        // The distance command names are compared by: edits after case folding.
        func folded(_ a: String, _ b: String) -> Int { NearestName.distance(CaseFolding.fold(a), CaseFolding.fold(b)) }
        #expect(folded("tags", "tgas") == 1)
        #expect(folded("", "abc") == 3)
        #expect(folded("Save", "save") == 0)
    }

    @Test func dotCommandLineSplitsQuotedWordsAndKeepsTheRestRaw() {
        let line = DotCommandLine(".save \"Repeat customers\" tag = \"VIP\"  ")
        #expect(line.name == "save")
        #expect(line.words.first?.text == "Repeat customers")
        #expect(line.words.first?.isQuoted == true)
        #expect(line.rest(from: 1) == "tag = \"VIP\"")
        let escaped = DotCommandLine(".show 'it\\'s'")
        #expect(escaped.words.map(\.text) == ["it's"])
        #expect(DotCommandLine(".").name == "")
        #expect(DotCommandLine(".drop \"open").words.map(\.text) == ["open"])
    }
}
