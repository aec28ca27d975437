import Foundation

/// Where the command line writes: results to standard output, diagnostics
/// and errors to standard error. Colour only on a terminal, and never when
/// `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func errorText(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        errorText("segq: \(message)\n")
    }

    static func colorAllowed(fd: Int32) -> Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(fd) == 1
    }

    static var stdoutColor: Bool { colorAllowed(fd: 1) }
    static var stderrColor: Bool { colorAllowed(fd: 2) }
}
