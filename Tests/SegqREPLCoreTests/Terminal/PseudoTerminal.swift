import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a new pseudo-terminal, as a person at a terminal
/// would: the program's standard input, output and error are the
/// terminal, which is also its controlling terminal (so Ctrl-C sends
/// SIGINT when the program has `isig` on). Tests type with `send` and
/// read the screen's byte stream with `waitFor`.
///
/// The timeouts are failure guards only (a hung program fails the test
/// instead of hanging the suite); nothing here measures time.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let master: Int32
    let pid: pid_t
    /// Everything the program wrote so far, escape sequences included.
    private(set) var output: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `executable` on a fresh 80×24 terminal.
    init(executable: String, arguments: [String] = [], environment: [String: String]) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0, let name = ttyname(slave) else {
            throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)")
        }
        let slavePath = String(cString: name)
        // Neither end may leak into the program: it opens the terminal by name.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        close(slave)
        self.master = master

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, opening the terminal makes it the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        posix_spawnattr_setflags(&attributes, setsid | Int16(POSIX_SPAWN_SETSIGDEF) | Int16(POSIX_SPAWN_SETSIGMASK))
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(master)
            throw Failure(description: "cannot start \(executable): error \(result)")
        }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (control characters included: "\r" is Enter, "\u{3}" Ctrl-C).
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The output so far as text with ANSI escape sequences and carriage
    /// returns removed (what a reader of the screen would look for).
    var plainOutput: String { Self.plain(output) }

    /// Output since `mark` (a byte count of `output`), plain.
    func plainOutput(since mark: Int) -> String { Self.plain(Array(output[min(mark, output.count)...])) }

    /// Reads until the plain output after `mark` contains `text`; throws
    /// with the output seen when it does not come within `timeout`.
    @discardableResult
    func waitFor(_ text: String, since mark: Int = 0, timeout: Duration = .seconds(20)) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let seen = plainOutput(since: mark)
            if seen.contains(text) { return seen }
            if clock.now > deadline || !readSome(until: deadline) {
                let final = plainOutput(since: mark)
                if final.contains(text) { return final }
                throw Failure(description: "did not see \(String(reflecting: text)); the terminal showed:\n" + final)
            }
        }
    }

    /// Reads until the plain output ends with one of `suffixes` (e.g. a
    /// prompt: the program is waiting for input, its terminal in raw mode).
    func waitUntilEnding(with suffixes: [String], timeout: Duration = .seconds(20)) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let seen = plainOutput
            if suffixes.contains(where: { seen.hasSuffix($0) }) { return }
            if clock.now > deadline || !readSome(until: deadline) {
                throw Failure(description: "the output does not end with \(suffixes) but with \(output.suffix(24)); the terminal showed:\n" + plainOutput)
            }
        }
    }

    /// Reads until the terminal is in raw (non-canonical) mode: libedit is
    /// reading keys. Before that, control keys would be handled by the
    /// terminal's cooked mode (Ctrl-C a signal, Ctrl-D end of file).
    func waitForRawMode(timeout: Duration = .seconds(20)) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            var modes = termios()
            if tcgetattr(master, &modes) == 0 && (modes.c_lflag & tcflag_t(ICANON)) == 0 { return }
            if clock.now > deadline {
                throw Failure(description: "the terminal never left canonical mode; it showed:\n" + plainOutput)
            }
            _ = readSome(until: min(deadline, clock.now + .milliseconds(5)))
        }
    }

    /// Reads until the terminal is back in canonical mode: the program has
    /// taken the line and is working on it, so Ctrl-C now raises SIGINT.
    func waitForCanonicalMode(timeout: Duration = .seconds(20)) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            var modes = termios()
            if tcgetattr(master, &modes) == 0 && (modes.c_lflag & tcflag_t(ICANON)) != 0 { return }
            if clock.now > deadline {
                throw Failure(description: "the terminal never returned to canonical mode; it showed:\n" + plainOutput)
            }
            _ = readSome(until: min(deadline, clock.now + .milliseconds(1)))
        }
    }

    /// Waits for the program to exit and returns its exit status (128+N for signal N).
    func waitForExit(timeout: Duration = .seconds(20)) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                return code
            }
            _ = readSome(until: min(deadline, clock.now + .milliseconds(50)))
        }
        throw Failure(description: "the program did not exit; the terminal showed:\n" + plainOutput)
    }

    /// Reads what is available, waiting at most until `deadline`. False
    /// when the terminal is closed or nothing came.
    private func readSome(until deadline: ContinuousClock.Instant) -> Bool {
        let clock = ContinuousClock()
        let remaining = deadline - clock.now
        let milliseconds = max(0, Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
        guard count > 0 else { return false }
        output += buffer[0..<count]
        return true
    }

    /// Removes ANSI CSI/OSC sequences, other escapes, carriage returns, BEL and backspaces.
    static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "[") {
                    index += 1
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    while index < bytes.count, bytes[index] != 0x07 { index += 1 }
                    index += 1
                } else {
                    index += 1
                }
                continue
            }
            if byte != 0x0D && byte != 0x07 && byte != 0x08 { out.append(byte) }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
