import Foundation

/// Where the command line writes: results to standard output, diagnostics
/// and errors to standard error. Colour only on a terminal, and never when
/// `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`.
///
/// A write that fails (a full disk, a closed descriptor, a reader that went
/// away with SIGPIPE ignored) ends the process with status 3 and one line
/// on standard error, or silently when standard error itself cannot be
/// written (docs/exit-status.md).
enum Output {
    static func line(_ text: String) {
        write(text + "\n")
    }

    static func write(_ text: String) {
        StandardStream.output.write(text)
    }

    static func errorText(_ text: String) {
        StandardStream.error.write(text)
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

/// Standard output or standard error, written with `write(2)` until every
/// byte is out.
struct StandardStream {
    let descriptor: Int32
    let name: String

    static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
    static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

    /// Holds descriptors 0–2 that the caller closed (`>&-`) with
    /// `/dev/null` opened read-only: no file segq opens (a store) can take
    /// their number and receive its output, and a write to them still
    /// fails (EBADF), so the failure is reported as for any other stream.
    static func reserveClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    fail(errno: errno)
                }
                offset += written
            }
        }
    }

    /// Ends the process after a failed write: one line on standard error
    /// unless standard error is the stream that failed.
    private func fail(errno code: Int32) -> Never {
        if descriptor != STDERR_FILENO {
            let reason = String(cString: strerror(code))
            var line = "segq: cannot write to \(name): \(reason)\n"
            line.withUTF8 { bytes in _ = Glibc.write(STDERR_FILENO, bytes.baseAddress!, bytes.count) }
        }
        exit(ExitStatus.store)
    }
}
