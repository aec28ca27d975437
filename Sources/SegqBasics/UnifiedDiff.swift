/// The difference between two texts as a unified diff (`diff -u`): `---`
/// and `+++` headers, then hunks `@@ -a,b +c,d @@` of removed (`-`), added
/// (`+`) and unchanged (` `) lines with up to `context` unchanged lines
/// around each change. Lines are compared whole, from a longest common
/// subsequence, which suits golden files of a few hundred lines.
public enum UnifiedDiff {
    /// Empty when the texts are equal. A text that does not end in a line
    /// break gets `\ No newline at end of file` after its last line.
    public static func text(from old: String, to new: String, oldName: String, newName: String,
                            context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old), b = lines(new)
        let edits = script(a.map(\.key), b.map(\.key))
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(edits, context: context) {
            let (oldStart, newStart) = (hunk.first?.oldIndex ?? 0, hunk.first?.newIndex ?? 0)
            let oldCount = hunk.filter { $0.kind != .added }.count
            let newCount = hunk.filter { $0.kind != .removed }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk {
                let line: Line
                switch edit.kind {
                case .same: line = a[edit.oldIndex]; out += " "
                case .removed: line = a[edit.oldIndex]; out += "-"
                case .added: line = b[edit.newIndex]; out += "+"
                }
                out += line.text + "\n"
                if !line.hasBreak { out += "\\ No newline at end of file\n" }
            }
        }
        return out
    }

    struct Line {
        var text: String
        var hasBreak: Bool
        /// Lines compare equal only with the same text and the same final break.
        var key: String { hasBreak ? text + "\n" : text }
    }

    enum Kind { case same, removed, added }

    /// One line of the edit script; `oldIndex`/`newIndex` are where it stands
    /// in each text (for an added line, `oldIndex` is the next old line).
    struct Edit {
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    static func lines(_ text: String) -> [Line] {
        var result: [Line] = []
        var current = ""
        for ch in text {
            if ch == "\n" {
                result.append(Line(text: current, hasBreak: true))
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { result.append(Line(text: current, hasBreak: false)) }
        return result
    }

    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(Edit(kind: .same, oldIndex: i, newIndex: j)); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removals before additions, as diff -u shows a changed line.
                edits.append(Edit(kind: .removed, oldIndex: i, newIndex: j)); i += 1
            } else {
                edits.append(Edit(kind: .added, oldIndex: i, newIndex: j)); j += 1
            }
        }
        return edits
    }

    /// Changes with their context, neighbours closer than 2 × `context`
    /// unchanged lines sharing a hunk.
    static func hunks(_ edits: [Edit], context: Int) -> [[Edit]] {
        let changed = edits.indices.filter { edits[$0].kind != .same }
        var hunks: [[Edit]] = []
        var start = -1, end = -1
        for index in changed {
            let from = max(0, index - context), to = min(edits.count - 1, index + context)
            if start >= 0 && from <= end + 1 {
                end = to
            } else {
                if start >= 0 { hunks.append(Array(edits[start...end])) }
                start = from; end = to
            }
        }
        if start >= 0 { hunks.append(Array(edits[start...end])) }
        return hunks
    }

    /// `start,count` counted from 1; an empty range names the line before it.
    static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }
}
