import Testing
@testable import SegqREPLCore

/// `.save` with its options, `.move`, `.drop` and `.tag …` on the fake
/// engine: what reaches the engine, and what is refused before it.
@Suite struct CatalogCommandTests {
    @Test func saveTakesAFolderStaticAndReplace() {
        let run = runScript(".save \"New this week\" --folder Weekly --static --replace tag = \"VIP\"\n")
        #expect(run.status == 0)
        #expect(run.engine.calls.contains("save New this week: tag = \"VIP\" approved - replace static folder Weekly"))
    }

    @Test func saveWithoutAQueryUsesTheLastOne() {
        let run = runScript("tag = \"VIP\"\n.save VIPs --folder \"Loyal ones\"\n")
        #expect(run.engine.calls.last == "save VIPs: tag = \"VIP\" approved - folder Loyal ones")
    }

    @Test func anUnquotedNameOfSeveralWordsIsRefusedWithAHint() {
        let run = runScript("tag = \"VIP\"\n.save Repeat error buyers\n")
        #expect(run.status == 1)
        #expect(run.console.errors.contains("error: a name of several words needs quotes: .save \"Repeat error buyers\""))
        #expect(!run.engine.calls.contains { $0.hasPrefix("save") })
        // A bare word that is a query (a yes/no field) is saved as one.
        let linked = runScript(".save Linked shopify.linked\n")
        #expect(linked.engine.calls.contains("save Linked: shopify.linked approved -"))
    }

    @Test func unknownOptionsAreRefused() {
        let run = runScript(".save X --folder\n.drop X --forse\n")
        #expect(run.console.errors.contains("error: `--folder` needs a value; usage: .save NAME"))
        #expect(run.console.errors.contains("error: unknown option `--forse`; usage: .drop NAME [--force]"))
        #expect(!run.engine.calls.contains { $0.hasPrefix("save") || $0.hasPrefix("drop") })
        // A quoted word is a name, never an option.
        #expect(runScript(".drop \"--force\"\n").engine.calls == ["drop --force force false"])
    }

    @Test func moveIntoAFolderOrOutOfIt() {
        let run = runScript(".move VIPs Loyalty\n.move \"Repeat customers\" --none\n.move VIPs\n")
        #expect(run.engine.calls == ["move VIPs Loyalty", "move Repeat customers --none"])
        #expect(run.console.errors.contains("usage: .move NAME (FOLDER|--none)"))
    }

    @Test func tagSubcommands() {
        let run = runScript("""
            .tag add "Already Contacted" segment = "Lapsed" and added >= -7d
            .tag remove VIP tag = "Churned"
            .tag rename VIP "VIP 2026" --merge
            .tag delete Old --force
            .tag folder VIP --none
            .rename-tag A B
            .delete-tag C

            """)
        #expect(run.status == 0)
        #expect(run.engine.calls == [
            "tag add Already Contacted: segment = \"Lapsed\" and added >= -7d",
            "tag remove VIP: tag = \"Churned\"",
            "tag rename VIP VIP 2026 merge true",
            "tag delete Old force true",
            "tag folder VIP --none",
            "tag rename A B merge false",
            "tag delete C force false",
        ])
    }

    @Test func tagMistakesAreExplained() {
        let run = runScript(".tag renam A B\n.tag add VIP\n.tag rename A\n")
        #expect(run.status == 1)
        #expect(run.console.errors.contains("unknown `.tag` subcommand `renam`; did you mean `rename`?"))
        #expect(run.console.errors.contains("usage: .tag add TAG QUERY"))
        #expect(run.console.errors.contains("usage: .tag rename OLD NEW [--merge]"))
        #expect(run.engine.calls.isEmpty)
    }

    @Test func helpForTagListsItsSubcommands() {
        let output = runScript(".help tag\n").console.output
        #expect(output.contains(".tag add TAG QUERY"))
        #expect(output.contains(".tag folder NAME (FOLDER|--none)"))
    }
}

/// Tab on the new commands: subcommands, options, names and the query after them.
@Suite struct CatalogCommandCompletionTests {
    let session = REPLSession(engine: FakeEngine(), console: RecordingConsole(), settings: REPLSettings(interactive: false))

    func complete(_ line: String) -> Completion { session.complete(line: line, cursor: line.utf8.count) }

    @Test func tagSubcommandsThenTagNames() {
        #expect(complete(".tag ").candidates == ["add", "delete", "folder", "remove", "rename"])
        #expect(complete(".tag ren").candidates == ["rename "])
        #expect(complete(".tag rename V").candidates == ["VIP", "Vegan"])
        #expect(complete(".tag rename VIP --m").candidates == ["--merge "])
        #expect(complete(".tag add VIP tag = \"V").candidates == ["\"VIP\" ", "\"Vegan\" "])
    }

    @Test func saveOptionsAndTheQueryAfterThem() {
        #expect(complete(".save X --").candidates == ["--folder", "--replace", "--static"])
        #expect(complete(".save X --st").candidates == ["--static "])
        #expect(complete(".save X --folder W --static tag = \"V").candidates == ["\"VIP\" ", "\"Vegan\" "])
        #expect(complete(".move N").candidates == ["Newcomers "])
        #expect(complete(".move Newcomers --n").candidates == ["--none "])
    }
}
