import Testing
import SegqBasics

/// `UnifiedDiff`: hunks as `diff -u` writes them.
struct UnifiedDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.text(from: "a\nb\n", to: "a\nb\n", oldName: "x", newName: "y") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(UnifiedDiff.text(from: old, to: new, oldName: "a", newName: "b") == """
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func distantChangesMakeTwoHunksAndInsertionsCountRight() {
        let old = (1...20).map { "\($0)\n" }.joined()
        var lines = (1...20).map { "\($0)" }
        lines.insert("new", at: 1)
        lines.remove(at: 18)
        let new = lines.map { $0 + "\n" }.joined()
        let diff = UnifiedDiff.text(from: old, to: new, oldName: "a", newName: "b")
        #expect(diff.contains("@@ -1,4 +1,5 @@\n 1\n+new\n 2\n 3\n 4\n"), "\(diff)")
        #expect(diff.contains("@@ -15,6 +16,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"), "\(diff)")
    }

    @Test func missingFinalLineBreakIsShown() {
        let diff = UnifiedDiff.text(from: "a\n", to: "a", oldName: "x", newName: "y")
        #expect(diff == "--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n")
    }

    @Test func fromEmpty() {
        #expect(UnifiedDiff.text(from: "", to: "a\n", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n")
    }
}
