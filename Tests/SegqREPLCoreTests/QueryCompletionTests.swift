import Testing
import Foundation
@testable import SegqREPLCore

/// Tab completion in query text: the grammar at the cursor, names from the store.
@Suite struct QueryCompletionTests {
    let engine = FakeEngine()

    /// Completes `text` with the cursor at its end.
    func complete(_ text: String) -> Completion {
        QueryCompleter(engine: engine).complete(text, cursor: text.utf8.count)
    }

    @Test func integrationPrefixCompletesToItsDot() {
        #expect(complete("shop") == Completion(replaceFrom: 0, candidates: ["shopify."]))
        #expect(complete("tag = \"VIP\" and hub").candidates == ["hubspot."])
    }

    @Test func onlyIntegrationsTheStoreHasAreOffered() {
        #expect(complete("kla").candidates.isEmpty)
        let starts = complete("").candidates
        #expect(starts.contains("shopify."))
        #expect(starts.contains("tag "))
        #expect(starts.contains("not "))
        #expect(!starts.contains { $0.hasPrefix("klaviyo") })
    }

    @Test func tagKeysAfterTagDotAndTheirValuesAfterEquals() {
        let keyed = FakeEngine()
        keyed.fieldList.insert(FieldInfo(path: "tag.Department", type: .stringSet), at: 0)
        keyed.valueTable["tag.Department"] = ["Sales", "Support"]
        func complete(_ text: String) -> Completion {
            QueryCompleter(engine: keyed).complete(text, cursor: text.utf8.count)
        }
        #expect(complete("tag.").candidates == ["tag.Department "])
        #expect(complete("tag.Department ").candidates == QueryCompleter.tagKeyTests)
        #expect(complete("tag.Department = \"S").candidates == ["\"Sales\" ", "\"Support\" "])
        #expect(complete("tag all (\"").candidates.contains("\"VIP\""))
    }

    @Test func pathCompletesAfterTheDot() {
        #expect(complete("shopify.p").candidates == ["shopify.purchases "])
        #expect(complete("shopify.").candidates == ["shopify.linked ", "shopify.purchases ", "shopify.tag ", "shopify.last_purchase "])
        #expect(complete("hubspot.`lea").candidates == ["hubspot.`lead status` "])
    }

    @Test func tagValuesAfterAnOpenQuote() {
        let completion = complete("tag = \"V")
        #expect(completion.replaceFrom == 6)
        #expect(completion.candidates == ["\"VIP\" ", "\"Vegan\" "])
        #expect(complete("tag = \"Tr").candidates == ["\"Trade Show 2026\" "])
        #expect(complete("tag = 'Tr").candidates == ["'Trade Show 2026' "])
    }

    @Test func valuesAreEscapedInTheirQuotes() {
        #expect(complete("tag = \"say").candidates == ["\"say \\\"hi\\\"\" "])
    }

    @Test func valuesAfterOperatorWithoutQuote() {
        #expect(complete("segment = ").candidates == ["\"Repeat customers\" ", "\"Newcomers\" "])
        #expect(complete("hubspot.stage != ").candidates == ["\"Customer\" ", "\"Lead\" "])
        #expect(complete("hubspot.segment contains ").candidates == ["\"Newsletter\" "])
    }

    @Test func valueRightAfterASymbolStartsWithABlank() {
        #expect(complete("segment =").candidates == [" \"Repeat customers\" ", " \"Newcomers\" "])
    }

    @Test func listValuesHaveNoTrailingSpace() {
        #expect(complete("tag in (\"VIP\", \"V").candidates == ["\"VIP\"", "\"Vegan\""])
        #expect(complete("tag in (\"VIP\"").candidates.isEmpty == false)
        #expect(complete("tag in (\"VIP\" ").candidates == [", ", ")"])
    }

    @Test func testsDependOnTheFieldType() {
        let int = complete("shopify.purchases ").candidates
        #expect(int.contains(">= "))
        #expect(int.contains("between "))
        #expect(!int.contains("contains "))
        let set = complete("tag ").candidates
        #expect(set.contains("is empty "))
        #expect(set.contains("contains "))
        #expect(!set.contains("< "))
        let time = complete("added ").candidates
        #expect(time.contains("within "))
        #expect(complete("tag st").candidates == ["starts with "])
        #expect(complete("tag starts ").candidates == ["with "])
        #expect(complete("shopify.purchases not ").candidates == ["in (", "between "])
    }

    @Test func isOffersNullAndEmpty() {
        #expect(complete("tag is ").candidates == ["not null ", "not empty ", "null ", "empty "])
        #expect(complete("name is ").candidates == ["not null ", "null "])
        #expect(complete("name is not ").candidates == ["null "])
    }

    @Test func boolAndTimeValues() {
        #expect(complete("shopify.linked = ").candidates == ["true ", "false "])
        #expect(complete("added >= y").candidates == ["yesterday "])
        #expect(complete("shopify.purchases = ").candidates.isEmpty)
    }

    @Test func betweenTakesItsAnd() {
        #expect(complete("shopify.purchases between 1 ").candidates == ["and "])
        #expect(complete("shopify.purchases between 1 and 3 ").candidates == ["and ", "or "])
    }

    @Test func afterAConditionAndOrAndTheOpenParenthesis() {
        #expect(complete("tag = \"VIP\" ").candidates == ["and ", "or "])
        #expect(complete("(tag = \"VIP\" ").candidates == ["and ", "or ", ")"])
        #expect(complete("tag = \"VIP\" o").candidates == ["or "])
        #expect(complete("shopify.linked ").candidates.contains("and "))
        #expect(complete("(shopify.linked) ").candidates == ["and ", "or "])
    }

    @Test func keywordsIgnoreCase() {
        #expect(complete("tag = \"VIP\" AN").candidates == ["and "])
        #expect(complete("NOT ta").candidates == ["tag "])
    }

    @Test func nothingInsideACommentOrANumber() {
        #expect(complete("tag = \"VIP\" # sh").candidates.isEmpty)
        #expect(complete("shopify.purchases > 3").candidates.isEmpty)
    }

    @Test func cursorInTheMiddleCompletesTheTextBeforeIt() {
        let text = "shop and tag = \"VIP\""
        let completion = QueryCompleter(engine: engine).complete(text, cursor: 4)
        #expect(completion == Completion(replaceFrom: 0, candidates: ["shopify."]))
    }

    @Test func completionNeverCrashesOnGarbage() {
        for text in ["\u{0}\u{FF}", "((((", "\"", "`", "= = = ", ")))) and", "tag in ((", "!x", "é = \"", "-", "1e"] {
            for cursor in 0...text.utf8.count + 2 {
                _ = QueryCompleter(engine: engine).complete(text, cursor: cursor)
            }
        }
    }
}

/// Completion of whole REPL lines: dot-commands and their arguments.
@Suite struct LineCompletionTests {
    let session = REPLSession(engine: FakeEngine(), console: RecordingConsole(), settings: REPLSettings(interactive: false))

    func complete(_ line: String) -> Completion { session.complete(line: line, cursor: line.utf8.count) }

    @Test func dotCommandNames() {
        #expect(complete(".hel").candidates == [".help "])
        #expect(complete(".he").candidates == [".headers", ".help"])
        #expect(complete(".s").candidates == [".save", ".schema", ".segments", ".show", ".store"])
        #expect(complete(".").candidates.count == session.commands.allNames.count)
    }

    @Test func commandArguments() {
        #expect(complete(".help sch").candidates == ["schema "])
        #expect(complete(".show ").candidates == ["\"Newcomers\"", "\"Repeat customers\""])
        #expect(complete(".show \"Rep").candidates == ["\"Repeat customers\" "])
        #expect(complete(".format j").candidates == ["json", "jsonl"])
        #expect(complete(".format jsonl").candidates == ["jsonl "])
        #expect(complete(".timer o").candidates == ["off", "on"])
        #expect(complete(".tz Asia/Tok").candidates == ["Asia/Tokyo "])
    }

    @Test func folderNamesFromTheCatalogue() {
        // `.save NAME --folder F`: the folders segments are filed in.
        #expect(complete(".save VIPs --folder C").candidates == ["Campaigns "])
        #expect(complete(".save VIPs --folder ").candidates == ["\"Campaigns\"", "\"Loyal ones\"", "\"Places\""])
        #expect(complete(".save VIPs --folder \"Lo").candidates == ["\"Loyal ones\" "])
        // After the folder the query follows, completed as one.
        #expect(complete(".save VIPs --folder Places shop").candidates == ["shopify."])
        // `.move NAME FOLDER`: segment folders; `.tag folder NAME FOLDER`: tag folders.
        #expect(complete(".move \"Repeat customers\" P").candidates == ["Places "])
        #expect(complete(".move Newcomers --n").candidates == ["--none "])
        #expect(complete(".tag folder VIP Re").candidates == ["Regions", "Retail"])
        #expect(complete(".tag folder VIP Reg").candidates == ["Regions "])
    }

    @Test func queryArgumentsCompleteAsQueries() {
        let completion = complete(".count shop")
        #expect(completion == Completion(replaceFrom: 7, candidates: ["shopify."]))
        #expect(complete(".save \"Big spenders\" tag = \"V").candidates == ["\"VIP\" ", "\"Vegan\" "])
    }

    @Test func filePathsWhereAPathIsExpected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segq-completion-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("friends.jsonl").path, contents: Data())
        FileManager.default.createFile(atPath: folder.appendingPathComponent("friends.csv").path, contents: Data())
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let base = folder.path + "/"
        #expect(complete(".open " + base + "friends.j").candidates == [base + "friends.jsonl "])
        #expect(complete(".import " + base + "fr").candidates == [base + "friends.csv", base + "friends.jsonl"])
        #expect(complete(".read " + base + "s").candidates == [base + "sub/"])
    }

    @Test func unfinishedQueryOnEarlierLinesIsTakenIntoAccount() {
        let engine = FakeEngine()
        let console = RecordingConsole()
        let session = REPLSession(engine: engine, console: console, settings: REPLSettings(interactive: false))
        final class OneLineThenCheck: LineReader {
            let session: () -> REPLSession
            var step = 0
            var seen: Completion?
            init(session: @escaping () -> REPLSession) { self.session = session }
            var isInteractive: Bool { true }
            var history: [String] { [] }
            func addToHistory(_ entry: String) {}
            func readLine(prompt: LinePrompt) -> LineReadResult {
                step += 1
                switch step {
                case 1: return .line("(tag = \"VIP\"")
                case 2:
                    #expect(prompt == .continuation)
                    seen = session().complete(line: "", cursor: 0)
                    return .endOfInput
                default: return .endOfInput
                }
            }
        }
        let reader = OneLineThenCheck { session }
        _ = session.run(reader)
        #expect(reader.seen?.candidates == ["and ", "or ", ")"])
    }
}
