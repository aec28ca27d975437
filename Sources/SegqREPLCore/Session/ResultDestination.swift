import Foundation

/// Where results go: standard output, or a file chosen with `.output FILE`.
struct ResultDestination {
    private var file: FileHandle?
    private(set) var path: String?

    var isRedirected: Bool { file != nil }

    /// Starts writing results to `path` (created or truncated). Returns an
    /// error message when the file cannot be opened; results then keep going
    /// where they went before.
    mutating func redirect(to path: String) -> String? {
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.createFile(atPath: expanded, contents: nil),
              let handle = FileHandle(forWritingAtPath: expanded) else {
            return "cannot open `\(path)` for writing"
        }
        close()
        file = handle
        self.path = path
        return nil
    }

    /// Writes to the file when redirected; returns an error description if that failed.
    func write(_ text: String) -> String? {
        guard let file else { return nil }
        do {
            try file.write(contentsOf: Data(text.utf8))
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Back to standard output.
    mutating func close() {
        try? file?.close()
        file = nil
        path = nil
    }
}
