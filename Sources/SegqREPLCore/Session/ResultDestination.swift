import Foundation
import SegqBasics

/// Where results go: standard output, or a file chosen with `.output FILE`.
struct ResultDestination {
    private var file: FileHandle?
    private(set) var path: String?

    var isRedirected: Bool { file != nil }

    /// Starts writing results to `path`: a regular file is created or
    /// truncated, a device or FIFO written into as it is, a symbolic link's
    /// target written (`OutputFile.openForStreaming`). Returns an error
    /// message when it cannot be opened; results then keep going where
    /// they went before.
    mutating func redirect(to path: String) -> String? {
        let expanded = (path as NSString).expandingTildeInPath
        let descriptor: Int32
        do {
            descriptor = try OutputFile.openForStreaming(expanded)
        } catch {
            return "cannot open `\(path)` for writing: \(error.reason)"
        }
        close()
        file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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
