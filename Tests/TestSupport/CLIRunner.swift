import Foundation

/// Runs the built `segq` executable as a child process, the way a user or
/// a script would. The binary is found beside the test bundle (SwiftPM
/// builds products and tests into the same folder) or at `$SEGQ_BINARY`.
public enum CLIRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Standard output and error interleaved as written.
        public var combined: String
    }

    public static var binaryURL: URL? {
        if let path = ProcessInfo.processInfo.environment["SEGQ_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for dir in candidates {
            var url = dir
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("segq")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDir), !isDir.boolValue {
                    return binary
                }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// The repository root (for samples and fixtures).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `segq args…` with `stdin` as standard input, in `directory`.
    /// With `merged`, standard error goes into the same pipe as standard
    /// output (like `2>&1`), so `combined` keeps the exact write order and
    /// `stdout`/`stderr` both hold everything.
    public static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
                           directory: URL? = nil, merged: Bool = false) throws -> Result {
        guard let binary = binaryURL else {
            throw NSError(domain: "CLIRunner", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "segq binary not found; build it first"])
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SEGQ_STORE")
        env["SEGQ_HISTORY"] = "/dev/null"
        for (k, v) in environment { env[k] = v }
        process.environment = env

        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = merged ? out : err
        let collector = Collector()
        out.fileHandleForReading.readabilityHandler = { h in collector.add(h.availableData, stream: 1) }
        err.fileHandleForReading.readabilityHandler = { h in collector.add(h.availableData, stream: 2) }
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        collector.add(out.fileHandleForReading.readDataToEndOfFile(), stream: 1)
        collector.add(err.fileHandleForReading.readDataToEndOfFile(), stream: 2)
        let result = collector.result(status: process.terminationStatus)
        if merged {
            return Result(status: result.status, stdout: result.stdout, stderr: result.stdout, combined: result.stdout)
        }
        return result
    }

    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data(), both = Data()

        func add(_ data: Data, stream: Int) {
            guard !data.isEmpty else { return }
            lock.lock(); defer { lock.unlock() }
            if stream == 1 { out.append(data) } else { err.append(data) }
            both.append(data)
        }

        func result(status: Int32) -> Result {
            lock.lock(); defer { lock.unlock() }
            return Result(status: status, stdout: String(decoding: out, as: UTF8.self),
                          stderr: String(decoding: err, as: UTF8.self),
                          combined: String(decoding: both, as: UTF8.self))
        }
    }

    /// Splits a shell-like command line: words separated by spaces, with
    /// single quotes (literal) and double quotes (backslash escapes `"` and `\`).
    public static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if let q = quote {
                if ch == q { quote = nil } else if q == "\"" && ch == "\\" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; inWord = true
            case "\\": escaped = true; inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
