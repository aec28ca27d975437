import Foundation
import Glibc
import SegqREPLCore

/// The REPL's pager: `$PAGER` run by `/bin/sh -c` when it is set and not
/// empty, else `less -FRX` (quit when the text fits, keep colours, leave
/// the screen as it is) when `less` is on the `PATH`. The text goes to the
/// pager's standard input; the pager draws on the terminal itself.
final class TerminalPager: Pager {
    private let command: String?

    init(environment: [String: String]) {
        if let pager = environment["PAGER"], !pager.trimmingCharacters(in: .whitespaces).isEmpty {
            command = pager
        } else if Self.onPath("less", environment["PATH"] ?? "/usr/bin:/bin") {
            command = "less -FRX"
        } else {
            command = nil
        }
    }

    func show(_ text: String) -> Bool {
        guard let command else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return false
        }
        // A pager that quits before reading everything closes the pipe:
        // the write then fails with EPIPE instead of ending segq.
        let previous = signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        signal(SIGPIPE, previous)
        return true
    }

    private static func onPath(_ name: String, _ path: String) -> Bool {
        path.split(separator: ":").contains { access(String($0) + "/" + name, X_OK) == 0 }
    }
}
