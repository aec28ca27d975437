import Testing
import TestSupport
import SegqSemantics
import SegqSyntax
@testable import SegqStore
@testable import SegqSQLiteStore
import SegqMemoryStore

/// Text tests on values holding NUL and other characters that SQL text
/// functions, quoting or patterns treat specially: the SQLite push-down
/// must answer what the in-memory store and a plain loop answer.
@Suite struct ControlCharacterTextTests {
    static let tags = ["nul\u{0}", "\u{0}", "a\u{0}b", "\u{0}lead", "bell\u{7}", "tab\tx", "it's", "50%", "a_b",
                       "back\\slash", "\u{202E}rlo", "\u{2066}iso\u{2069}", "plain", "ends with b"]
    static let needles = ["\u{0}", "\u{0}b", "a\u{0}", "\u{0}l", "\u{7}", "\t", "'", "%", "_", "\\", "\u{202E}",
                          "\u{2069}", "b", "n"]

    static let friends: [Friend] = tags.enumerated().map { i, tag in
        var f = Friend(id: "U\(i)", addedAt: Int64(i) * 1_000)
        f.tags = [tag]
        f.hubspot = CRMData(properties: ["note": .string(tag)])
        return f
    }

    @Test func textTestsOnControlCharactersAgreeAcrossStores() throws {
        let sqlite = try SQLiteStore.create(path: ":memory:")
        try sqlite.importFriends(Self.friends)
        let memory = InMemoryStore(friends: Self.friends)
        for needle in Self.needles {
            for match in [TextMatch.contains, .startsWith, .endsWith] {
                for column in [Column.tag, .hubspotProperty("note")] {
                    let expr = PhysicalExpr.atom(Atom(column, .text(match, needle)))
                    let expected = PhysicalOracle.count(expr, in: Self.friends)
                    #expect(memory.count(expr) == expected, "memory \(match) \(needle.debugDescription) on \(column)")
                    #expect(try sqlite.count(expr) == expected, "sqlite \(match) \(needle.debugDescription) on \(column)")
                    // And inside a compound, which runs as one bitmap statement.
                    let compound = PhysicalExpr.or([expr, .atom(Atom(.tag, .equals(.string("nobody"))))])
                    #expect(try sqlite.count(compound) == expected, "sqlite compound \(match) \(needle.debugDescription)")
                }
            }
        }
    }

    @Test func endsWithNulMatchesTheTagEndingInNul() throws {
        let sqlite = try SQLiteStore.create(path: ":memory:")
        try sqlite.importFriends(Self.friends)
        // "nul\0", "\0", and nothing else ends with NUL.
        #expect(try sqlite.count(.atom(Atom(.tag, .text(.endsWith, "\u{0}")))) == 2)
    }
}
