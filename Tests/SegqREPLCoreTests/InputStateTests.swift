import Testing
@testable import SegqREPLCore

@Suite struct InputStateTests {
    @Test func dotCommandOnEmptyBufferIsCompleteOnOneLine() {
        var state = InputState()
        #expect(state.accept("  .schema shop") == .command(".schema shop"))
        #expect(state.isEmpty)
    }

    @Test func backslashCommandsWorkAsInPsql() {
        var state = InputState()
        #expect(state.accept("\\q") == .command(".q"))
    }

    @Test func blankAndCommentLinesAreIgnoredOnEmptyBuffer() {
        var state = InputState()
        #expect(state.accept("") == .ignore)
        #expect(state.accept("   # a note") == .ignore)
    }

    @Test func completeQueryOnOneLine() {
        var state = InputState()
        #expect(state.accept("tag = \"VIP\"") == .query("tag = \"VIP\""))
        #expect(state.prompt == .primary)
    }

    @Test(arguments: [
        "tag = \"VIP\" and", "tag = \"VIP\" OR", "not", "(tag = \"VIP\"", "name = \"Ai", "name = 'it\\'s",
        "hubspot.`lead", "tag = \"VIP\" and # why\n",
    ])
    func openQueryContinues(_ line: String) {
        var state = InputState()
        #expect(state.accept(line) == .needsMoreInput)
        #expect(state.prompt == .continuation)
    }

    @Test func continuationJoinsLinesAndTreatsDotLinesAsQueryText() {
        var state = InputState()
        #expect(state.accept("(tag = \"VIP\"") == .needsMoreInput)
        #expect(state.accept("") == .needsMoreInput)
        #expect(state.accept(".5 or x") == .needsMoreInput)
        #expect(state.accept(")") == .query("(tag = \"VIP\"\n\n.5 or x\n)"))
        #expect(state.isEmpty)
    }

    @Test(arguments: ["shopify.and", "brand", "x = 3", "notes = 1", "shopify.not", "tag = \"and\""])
    func keywordLookalikesDoNotContinue(_ line: String) {
        var state = InputState()
        #expect(state.accept(line) == .query(line))
    }

    @Test func resetAbandonsAndFinishHandsOverTheRest() {
        var state = InputState()
        _ = state.accept("tag = \"VIP\" and")
        state.reset()
        #expect(state.isEmpty)
        #expect(state.finish() == nil)
        _ = state.accept("(a")
        #expect(state.finish() == "(a")
        #expect(state.isEmpty)
    }

    @Test func scannerReportsWhatIsOpen() {
        #expect(QueryContinuationScanner.openConstruct(in: "((a)") == .parenthesis(depth: 1))
        #expect(QueryContinuationScanner.openConstruct(in: "a = 'x") == .string(quote: "'"))
        #expect(QueryContinuationScanner.openConstruct(in: "a = \"x\\\"") == .string(quote: "\""))
        #expect(QueryContinuationScanner.openConstruct(in: "a and Not") == .trailingKeyword("not"))
        #expect(QueryContinuationScanner.openConstruct(in: "a) and b") == nil)
        #expect(QueryContinuationScanner.openConstruct(in: "\u{FF}\u{00}(\"") == .string(quote: "\""))
    }
}
